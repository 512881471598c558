using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace AgentCoreIdentity.PackagingTests;

/// <summary>
/// Packs the library once, with a unique prerelease version so that the global NuGet cache never serves a stale
/// copy, then checks the package and installs it from a local folder feed into a fresh console project.
/// </summary>
public class LibraryPackageTests
{
    private const string PackageId = "AgentCoreIdentity";

    private string _workDirectory = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public async Task PackLibrary()
    {
        _workDirectory = Directory.CreateTempSubdirectory("agentcore-identity-pack-").FullName;
        _feed = Path.Combine(_workDirectory, "feed");

        // --artifacts-path keeps the pack's bin and obj folders out of the repository, so the Release build with
        // this version never touches the outputs that the rest of the test run uses.
        await DotNetCli.RunAsync(
            RepositoryLayout.Root,
            "pack", RepositoryLayout.LibraryProject,
            "--configuration", "Release",
            "--output", _feed,
            "--artifacts-path", Path.Combine(_workDirectory, "artifacts"),
            $"-p:VersionSuffix=pack-test-{Guid.NewGuid():N}");

        var package = Directory.GetFiles(_feed, $"{PackageId}.*.nupkg").Should().ContainSingle().Which;
        _version = Path.GetFileNameWithoutExtension(package)[(PackageId.Length + 1)..];
    }

    [OneTimeTearDown]
    public void DeletePackages()
    {
        if (_workDirectory is null)
        {
            return;
        }

        Directory.Delete(_workDirectory, recursive: true);

        // The version is unique to this run, so its copy in the global packages folder is of no further use.
        if (_version is not null)
        {
            var cached = Path.Combine(GlobalPackagesFolder(), PackageId.ToLowerInvariant(), _version.ToLowerInvariant());
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    [Test]
    public void Package_metadata_is_complete()
    {
        var metadata = ReadNuspec().Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value;
        XElement Element(string name) => metadata.Elements().Single(element => element.Name.LocalName == name);

        Field("id").Should().Be(PackageId);
        Field("version").Should().Be(_version);
        _version.Should().MatchRegex(@"^\d+\.\d+\.\d+-pack-test-[0-9a-f]{32}$");
        Element("license").Attribute("type")!.Value.Should().Be("expression");
        Field("license").Should().Be("Apache-2.0");
        Field("readme").Should().Be("PACKAGE.md");
        Field("description").Should().Contain("AgentCore Identity");
        Field("tags").Split(' ').Should().Contain(["aws", "bedrock", "agentcore", "identity"]);
        Element("repository").Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$", "the package records the commit it was built from");
    }

    [Test]
    public void Package_dependencies_exclude_build_tools()
    {
        var nuspec = ReadNuspec();
        var dependencies = nuspec.Descendants().Where(element => element.Name.LocalName == "dependency")
            .Select(element => element.Attribute("id")!.Value);
        var frameworks = nuspec.Descendants().Where(element => element.Name.LocalName == "frameworkReference")
            .Select(element => element.Attribute("name")!.Value);

        dependencies.Should().BeEquivalentTo(["AWSSDK.Core"], "analyzers such as PublicApiAnalyzers stay private");
        frameworks.Should().Equal("Microsoft.AspNetCore.App");
    }

    [Test]
    public void Package_contains_readme_and_xml_docs()
    {
        using var package = ZipFile.OpenRead(PackagePath(".nupkg"));
        var entries = package.Entries.Select(entry => entry.FullName).ToList();

        entries.Should().Contain(["lib/net10.0/AgentCoreIdentity.dll", "lib/net10.0/AgentCoreIdentity.xml", "PACKAGE.md"]);
        entries.Should().NotContain(entry => entry.EndsWith(".pdb", StringComparison.Ordinal), "symbols go into the .snupkg");
        using var readme = new StreamReader(package.GetEntry("PACKAGE.md")!.Open());
        readme.ReadToEnd().Should().Be(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "src", "AgentCoreIdentity", "PACKAGE.md")));
    }

    [Test]
    public void Symbol_package_contains_portable_pdb()
    {
        using var symbols = ZipFile.OpenRead(PackagePath(".snupkg"));

        var pdb = symbols.Entries.Should().ContainSingle(entry => entry.FullName == "lib/net10.0/AgentCoreIdentity.pdb").Which;
        using var stream = pdb.Open();
        var signature = new byte[4];
        stream.ReadExactly(signature);
        signature.Should().Equal("BSJB"u8.ToArray(), "a portable PDB starts with the ECMA-335 metadata signature");
    }

    [Test]
    public void Packed_assembly_carries_version_and_commit()
    {
        var extracted = Path.Combine(_workDirectory, "extracted");
        ZipFile.ExtractToDirectory(PackagePath(".nupkg"), extracted, overwriteFiles: true);

        var informationalVersion = FileVersionInfo.GetVersionInfo(Path.Combine(extracted, "lib", "net10.0", "AgentCoreIdentity.dll")).ProductVersion;

        informationalVersion.Should().MatchRegex($@"^{_version.Replace(".", @"\.", StringComparison.Ordinal)}\+[0-9a-f]{{40}}$");
    }

    [Test]
    public async Task Packed_library_runs_in_fresh_project()
    {
        var project = Path.Combine(_workDirectory, "consumer");
        FreshConsumerProject.Write(project, _feed, PackageId, _version);
        await using var emulator = await ConsumerEmulator.StartAsync();

        // The project treats warnings as errors, so the package must also build warning-free in a consumer.
        await DotNetCli.RunAsync(project, "build", "--configuration", "Release");
        var run = await ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(project, "bin", "Release", "net10.0", $"{FreshConsumerProject.AssemblyName}.dll")],
            project,
            TimeSpan.FromMinutes(1),
            emulator.ConsumerEnvironment);

        AssertRestoredFromFeed(project);
        emulator.ShouldHaveServedConsumer(run);
    }

    private void AssertRestoredFromFeed(string project)
    {
        var assets = File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"));
        assets.Should().Contain($"\"{PackageId}/{_version}\"", "the consumer must restore the version packed by this test");
    }

    private XDocument ReadNuspec()
    {
        using var package = ZipFile.OpenRead(PackagePath(".nupkg"));
        using var nuspec = package.GetEntry($"{PackageId}.nuspec")!.Open();
        return XDocument.Load(nuspec);
    }

    private string PackagePath(string extension) => Path.Combine(_feed, $"{PackageId}.{_version}{extension}");

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
