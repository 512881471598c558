using System.Reflection;
using System.Text.RegularExpressions;
using AgentCoreIdentity.DataPlane;

namespace AgentCoreIdentity.Tests.Conventions;

/// <summary>
/// The library never writes a file and never calls the AgentCore control plane, so it cannot create a workload
/// identity. These tests check both on what its compiled IL references.
/// NOTE: The scan covers this library's own code only. When no credentials are configured, AWSSDK.Core's default
/// credential chain reads the AWS profile files itself.
/// </summary>
public partial class NoFileOrControlPlaneTests
{
    /// <summary>Types whose use opens, creates, changes or deletes files or directories.</summary>
    private static readonly string[] FileSystemTypes =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.FileStreamOptions", "System.IO.FileSystemInfo",
        "System.IO.Directory", "System.IO.DirectoryInfo", "System.IO.RandomAccess",
        "System.IO.MemoryMappedFiles.MemoryMappedFile", "System.IO.IsolatedStorage.IsolatedStorageFile",
        "System.IO.IsolatedStorage.IsolatedStorageFileStream", "System.IO.Compression.ZipFile",
        "System.IO.Compression.ZipFileExtensions", "Microsoft.Win32.SafeHandles.SafeFileHandle",
    ];

    /// <summary>Types with constructors or factory methods that take a file path as their first parameter.</summary>
    private static readonly string[] PathTakingTypes =
        ["System.IO.StreamWriter", "System.IO.StreamReader", "System.Xml.XmlWriter", "System.Xml.XmlReader"];

    /// <summary>The six data-plane operations, the only ones the library may call, with their HTTP paths.</summary>
    private static readonly Dictionary<string, string> DataPlaneOperations = new(StringComparer.Ordinal)
    {
        ["GetResourceApiKey"] = "/identities/api-key",
        ["GetResourceOauth2Token"] = "/identities/oauth2/token",
        ["CompleteResourceTokenAuth"] = "/identities/CompleteResourceTokenAuth",
        ["GetWorkloadAccessToken"] = "/identities/GetWorkloadAccessToken",
        ["GetWorkloadAccessTokenForJWT"] = "/identities/GetWorkloadAccessTokenForJWT",
        ["GetWorkloadAccessTokenForUserId"] = "/identities/GetWorkloadAccessTokenForUserId",
    };

    /// <summary>
    /// Read-only control-plane operations and their AWS CLI commands, which the hint of a missing credential provider
    /// names for the user to run. Naming them in a message does not call them.
    /// </summary>
    private static readonly string[] ListingAdvice =
    [
        "aws bedrock-agentcore-control list-api-key-credential-providers",
        "aws bedrock-agentcore-control list-oauth2-credential-providers",
        "ListApiKeyCredentialProviders",
        "ListOauth2CredentialProviders",
    ];

    private static readonly AssemblyReferences Library = AssemblyReferences.Read(typeof(AgentCoreRequestContext).Assembly);

    /// <summary>
    /// Names of control-plane operations on workload identities and credential providers, such as
    /// <c>CreateWorkloadIdentity</c> or <c>DeleteApiKeyCredentialProvider</c>, and the control-plane host prefix.
    /// </summary>
    [GeneratedRegex("(Create|Get|Update|Delete|List)(WorkloadIdentit|ApiKeyCredentialProvider|Oauth2CredentialProvider)|bedrock-agentcore-control")]
    private static partial Regex ControlPlaneName();

    private static IEnumerable<MemberUse> PathOpeningMembers(AssemblyReferences references) =>
        references.Members.Where(member =>
            (PathTakingTypes.Contains(member.TypeName) && member.ParameterTypes.FirstOrDefault() == "System.String")
            || member is { TypeName: "System.IO.Path", MemberName: "GetTempFileName" });

    [Test]
    public void Library_references_no_file_system_type()
    {
        Library.Types.Should().NotBeEmpty("the scan must read the library's type references");

        Library.Types.Intersect(FileSystemTypes).Should().BeEmpty("the library never reads or writes files");
    }

    [Test]
    public void Library_opens_no_file_by_path()
    {
        Library.Members.Should().Contain(member => member.TypeName == "System.ArgumentNullException", "the scan must read member references");

        PathOpeningMembers(Library).Should().BeEmpty("a path-taking constructor or Path.GetTempFileName creates or opens a file");
    }

    [Test]
    public void Library_imports_no_native_method()
    {
        Library.PlatformInvokes.Should().BeEmpty("a native call could reach the file system past the checks above");
    }

    [Test]
    public void Scan_finds_file_use_elsewhere()
    {
        var emulator = AssemblyReferences.Read(typeof(AgentCoreIdentity.Emulator.IdentityEmulator).Assembly);
        var tests = AssemblyReferences.Read(typeof(NoFileOrControlPlaneTests).Assembly);

        emulator.Types.Should().Contain("System.IO.File", "the emulator reads its seed file with File.OpenRead");
        PathOpeningMembers(tests).Should().Contain(member => member.TypeName == "System.IO.StreamWriter" && member.MemberName == ".ctor");
    }

    [Test]
    public void Library_strings_name_no_control_plane_operation()
    {
        Library.Strings.Should().Contain("/identities/api-key", "the scan must read the library's string literals");

        Library.Strings.Select(WithoutListingAdvice).Where(text => ControlPlaneName().IsMatch(text)).Should().BeEmpty();
        Library.Strings.Where(text => text.Contains("/identities/", StringComparison.Ordinal))
            .Should().OnlyContain(text => DataPlaneOperations.ContainsValue(text), "the library builds no other Identity path");
    }

    [Test]
    public void Listing_advice_is_the_only_exception()
    {
        Library.Strings.Should().Contain(ListingAdvice, "the missing-provider hint names these operations and commands");

        WithoutListingAdvice("run 'aws bedrock-agentcore-control list-api-key-credential-providers --region us-east-1'")
            .Should().NotMatchRegex(ControlPlaneName().ToString(), "the advice is removed before the check");
        ControlPlaneName().IsMatch(WithoutListingAdvice("ListApiKeyCredentialProviders then DeleteApiKeyCredentialProvider"))
            .Should().BeTrue("every other control-plane name is still found");
    }

    private static string WithoutListingAdvice(string text) =>
        ListingAdvice.Aggregate(text, (rest, advice) => rest.Replace(advice, string.Empty, StringComparison.Ordinal));

    [Test]
    public void Library_operations_are_data_plane_only()
    {
        var operations = typeof(IdentityOperation)
            .GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(property => property.PropertyType == typeof(IdentityOperation))
            .Select(property => (IdentityOperation)property.GetValue(null)!)
            .ToDictionary(operation => operation.Name, operation => operation.Path);

        operations.Should().Equal(DataPlaneOperations);
    }

    /// <summary>A sample the scan must flag: it writes a file through a path-taking constructor. Never called.</summary>
    internal static void WriteSampleFile(string path)
    {
        using var writer = new StreamWriter(path);
        writer.Write("sample");
    }
}
