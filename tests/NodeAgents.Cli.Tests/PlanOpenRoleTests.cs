using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary>An open role (gpu) required by the coverage policy, planned on the real inventories.</summary>
public class PlanOpenRoleTests
{
    private static (int Exit, JsonElement Plan) Plan(string selector)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.gpu.yaml", $"config:\n  node-agents:agents:\n    dcgm-exporter:\n      preset: dcgm-exporter\n  node-agents:coverage:\n    required:\n      gpu: \"{selector}\"\n");
        var (exit, stdout, stderr) = project.Run("plan", "--stack", "gpu", "--nodes", Path.Combine(RepoPaths.SharedData, "nodes"), "-o", "json");
        Assert.True(exit is 0 or 1, stderr);
        return (exit, JsonDocument.Parse(stdout).RootElement);
    }

    [Fact]
    public void The_gpu_role_is_covered_on_the_AKS_GPU_node_by_the_DCGM_exporter()
    {
        var (exit, plan) = Plan("accelerator=nvidia");

        Assert.Equal(0, exit);
        Assert.Equal(0, plan.GetProperty("summary").GetProperty("errors").GetInt32());
        Assert.Equal("gpu", plan.GetProperty("agents").EnumerateArray().Single().GetProperty("role").GetString());
    }

    [Fact]
    public void Requiring_gpu_on_every_node_reports_the_gaps_on_the_nodes_without_a_GPU()
    {
        var (exit, plan) = Plan("*");

        Assert.Equal(1, exit);
        var gaps = plan.GetProperty("problems").EnumerateArray().Where(problem => problem.GetProperty("kind").GetString() == "coverageGap").ToList();
        Assert.NotEmpty(gaps);
        Assert.All(gaps, gap => Assert.Contains("gpu", gap.GetProperty("message").GetString(), StringComparison.Ordinal));
    }
}
