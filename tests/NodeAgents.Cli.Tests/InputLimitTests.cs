using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Tests;

/// <summary>
/// Hostile config files end in one positioned problem each (exit 2), never a stack overflow, an unbounded read or an
/// error that echoes megabytes (issue 12; limits in <see cref="YamlLimits"/>).
/// </summary>
public class InputLimitTests
{
    private static (int Exit, string Stderr) Validate(TempProject project, string yaml)
    {
        project.Write("Pulumi.x.yaml", yaml);
        var (exit, _, stderr) = project.Run("validate", "--stack", "x");
        return (exit, stderr);
    }

    [Fact]
    public void Nesting_35000_levels_deep_is_one_problem_not_a_stack_overflow()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, stderr) = Validate(project, "config:\n  kubernetes:anything: " + new string('[', 35_000) + new string(']', 35_000) + "\n");

        Assert.Equal(2, exit);
        Assert.Contains($"Pulumi.x.yaml:2:{23 + YamlLimits.MaxDepth - 1}: nested more than 64 levels deep", stderr);
        Assert.True(stderr.Length < 400, stderr);
    }

    [Fact]
    public void Sixty_four_levels_are_still_read()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, stderr) = Validate(project, "config:\n  node-agents:monitoring: {}\n  kubernetes:anything: " + new string('[', 62) + new string(']', 62) + "\n");

        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public void A_scalar_over_the_limit_is_named_by_its_length_not_echoed()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, stderr) = Validate(project, "config:\n  node-agents:logging:\n    labels:\n      a: " + new string('x', 300_000) + "\n");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.x.yaml:4:10: a value of 300,000 characters; at most 262,144 are read", stderr);
        Assert.True(stderr.Length < 400, stderr);
    }

    [Fact]
    public void A_file_over_the_limit_is_not_read_whole()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, stderr) = Validate(project, "config:\n  node-agents:logging: {}\n" + new string('#', (int)YamlLimits.MaxFileBytes) + "\n");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.x.yaml: cannot read ", stderr);
        Assert.Contains("the file is larger than 1,048,576 bytes, the most a config file may have", stderr);
    }

    [Fact]
    public void A_device_as_the_stack_file_is_read_with_a_bound()
    {
        using var project = new TempProject(copyStacks: false);
        File.CreateSymbolicLink(Path.Combine(project.Path, "Pulumi.x.yaml"), "/dev/zero");

        var (exit, _, stderr) = project.Run("validate", "--stack", "x");

        Assert.Equal(2, exit);
        Assert.Contains("the file is larger than 1,048,576 bytes", stderr);
    }

    [Fact]
    public void A_long_value_in_a_type_error_is_shortened()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, stderr) = Validate(project, "config:\n  node-agents:monitoring:\n    port: " + new string('9', 5000) + "\n");

        Assert.Equal(2, exit);
        Assert.Contains($"got '{new string('9', 60)}…' (5,000 characters)", stderr);
        Assert.True(stderr.Length < 600, stderr);
    }
}
