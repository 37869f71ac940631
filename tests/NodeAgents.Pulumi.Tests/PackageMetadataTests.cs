using System.Xml.Linq;

namespace NodeAgents.Pulumi.Tests;

/// <summary>The Pulumi components package: same version as the core, licence, its own README, and its dependencies.</summary>
public class PackageMetadataTests
{
    [Fact]
    public void The_components_package_has_the_repository_version_its_README_and_depends_on_the_core_at_that_version()
    {
        var version = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        var (metadata, entries) = Packages.Pack("components/NodeAgents.Components.Pulumi/NodeAgents.Components.Pulumi.csproj");

        Assert.Equal(version, Packages.Value(metadata, "version"));
        Assert.Equal("MIT", Packages.Value(metadata, "license"));
        Assert.Equal("README.md", Packages.Value(metadata, "readme"));
        Assert.Contains("README.md", entries);
        var dependencies = metadata.Descendants().Where(element => element.Name.LocalName == "dependency")
            .ToDictionary(element => element.Attribute("id")!.Value, element => element.Attribute("version")!.Value);
        Assert.Equal(version, dependencies["NodeAgents.Components"]);
        Assert.Equal("3.112.1", dependencies["Pulumi"]);
        Assert.Equal("4.32.0", dependencies["Pulumi.Kubernetes"]);
        Assert.Equal("4.21.1", dependencies["Pulumi.Random"]);
    }
}
