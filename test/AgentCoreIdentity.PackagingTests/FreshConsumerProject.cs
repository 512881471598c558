using System.Security;

namespace AgentCoreIdentity.PackagingTests;

/// <summary>
/// Writes a new console project, outside the repository, that installs the library package from a local folder feed
/// and compiles the consumer program of test/AgentCoreIdentity.PackageConsumer.
/// </summary>
public static class FreshConsumerProject
{
    public const string AssemblyName = "FreshConsumer";

    /// <summary>Creates <paramref name="directory"/> with the project file, a NuGet configuration and Program.cs.</summary>
    public static void Write(string directory, string feed, string packageId, string version)
    {
        Directory.CreateDirectory(directory);

        // Empty files stop MSBuild's upward search, so no Directory.Build.props or central package versions of the
        // folders above apply. The project builds with the package's own settings only, as a user's project would.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");

        File.WriteAllText(Path.Combine(directory, $"{AssemblyName}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{packageId}" Version="[{version}]" />
              </ItemGroup>
            </Project>

            """);

        // Adds the local feed to the sources of the user's and machine's NuGet configuration, so the library's own
        // dependencies restore from the usual registry.
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="agentcore-identity-local" value="{SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>

            """);

        File.Copy(RepositoryLayout.ConsumerProgram, Path.Combine(directory, "Program.cs"), overwrite: true);
    }
}
