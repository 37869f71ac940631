namespace NodeAgents.Cli.Tests;

/// <summary>The README's reuse snippet is the compiled example, word for word (scripts/test.sh builds the example with the Pulumi layer).</summary>
public class ReadmeSnippetTests
{
    [Fact]
    public void The_README_reuse_snippet_is_the_compiled_example_program()
    {
        var example = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "reuse-components", "Program.cs")).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + example + "```\n", readme, StringComparison.Ordinal);
        Assert.StartsWith("using NodeAgents.Presets;\nusing NodeAgents.Pulumi.Components;\nusing Pulumi;\n", example, StringComparison.Ordinal);
        Assert.Contains("<ProjectReference Include=\"../../components/NodeAgents.Components.Pulumi/NodeAgents.Components.Pulumi.csproj\" />", File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "reuse-components", "ReuseComponents.csproj")), StringComparison.Ordinal);
    }
}
