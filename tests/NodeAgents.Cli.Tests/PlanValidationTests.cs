namespace NodeAgents.Cli.Tests;

public class PlanValidationTests
{
    [Fact]
    public void Plan_refuses_a_stack_that_render_would_refuse()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.x.yaml", """
            config:
              node-agents:monitoring:
                updateStrategy:
                  type: RollingUpdate
                  rollingUpdate:
                    maxUnavailable: 1
                    maxSurge: 1
            """);

        var (exit, stdout, stderr) = project.Run("plan", "--stack", "x", "--nodes", Path.Combine(RepoPaths.SharedData, "nodes", "kind-3node.json"));

        Assert.Equal(1, exit);
        Assert.Contains("daemonset-surge-and-unavailable", stderr);
        Assert.Contains("nothing was written or planned", stderr);
        Assert.Equal("", stdout);
    }
}
