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

    [Fact]
    public void A_node_that_opts_out_gets_no_agent_and_needs_none()
    {
        using var project = new TempProject();
        var inventory = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.SharedData, "nodes", "kind-3node.json")))!;
        var worker2 = inventory["items"]!.AsArray().Single(node => (string?)node!["metadata"]!["name"] == "kind-worker2")!;
        worker2["metadata"]!["labels"]!["node-agents.io/opt-out"] = "";
        var path = project.Write("nodes.json", inventory.ToJsonString());

        var (exit, stdout, stderr) = project.Run("plan", "--stack", "prod", "--nodes", path, "-o", "json");

        Assert.True(exit == 0, stderr);
        var plan = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        var group = plan.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("nodes").EnumerateArray().Any(n => n.GetString() == "kind-worker2"));
        Assert.All(group.GetProperty("placement").EnumerateObject(), agent => Assert.Equal("excludedBySelector", agent.Value.GetProperty("outcome").GetString()));
        Assert.Empty(plan.GetProperty("problems").EnumerateArray());
    }
}
