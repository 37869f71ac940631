using System.Xml.Linq;

namespace NodeAgents.Cli.Tests;

/// <summary>The core package carries the one version of Directory.Build.props, a licence expression, its README and tags.</summary>
public class PackageMetadataTests
{
    public static string RepositoryVersion() =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    [Fact]
    public void The_core_package_has_the_repository_version_a_licence_its_README_and_no_placeholder_repository()
    {
        var (metadata, entries) = Packages.Pack("components/NodeAgents.Components/NodeAgents.Components.csproj");

        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", RepositoryVersion());
        Assert.Equal(RepositoryVersion(), Packages.Value(metadata, "version"));
        Assert.Equal("NodeAgents.Components", Packages.Value(metadata, "id"));
        Assert.Equal("MIT", Packages.Value(metadata, "license"));
        Assert.Equal("README.md", Packages.Value(metadata, "readme"));
        Assert.Contains("README.md", entries);
        Assert.Contains("kubernetes", Packages.Value(metadata, "tags")!.Split(' '));
        Assert.DoesNotContain("example.invalid", metadata.ToString(), StringComparison.Ordinal);
        Assert.Contains("lib/net10.0/NodeAgents.Components.dll", entries);
    }
}
