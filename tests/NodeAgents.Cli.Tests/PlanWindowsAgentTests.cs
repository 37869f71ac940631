using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary>
/// The repository's prod stack on the real inventories: the Windows node gets logging and monitoring from the catalog's
/// Windows agents, and the coverage policy requires both there (achieved by agents, not by a looser policy).
/// </summary>
public class PlanWindowsAgentTests
{
    private const string WindowsNode = "aksnpwin000000";

    private static JsonElement Plan(TempProject project, string stack)
    {
        var (exit, stdout, stderr) = project.Run("plan", "--stack", stack, "--nodes", Path.Combine(RepoPaths.SharedData, "nodes"), "-o", "json");
        Assert.True(exit is 0 or 1, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    private static List<JsonElement> GapsOnTheWindowsNode(JsonElement plan) =>
        plan.GetProperty("problems").EnumerateArray()
            .Where(problem => problem.GetProperty("kind").GetString() == "coverageGap")
            .Where(problem => problem.GetProperty("nodes").EnumerateArray().Any(node => node.GetString() == WindowsNode))
            .ToList();

    private static JsonElement WindowsGroup(JsonElement plan) =>
        plan.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("nodes").EnumerateArray().Any(node => node.GetString() == WindowsNode));

    [Fact]
    public void Prods_plan_lands_logging_and_monitoring_on_the_Windows_node_from_the_Windows_agents()
    {
        using var project = new TempProject();

        var plan = Plan(project, "prod");

        Assert.Empty(GapsOnTheWindowsNode(plan));
        var group = WindowsGroup(plan);
        Assert.Equal(["logging", "monitoring"], group.GetProperty("requiredRoles").EnumerateArray().Select(role => role.GetString()));
        var placement = group.GetProperty("placement");
        Assert.Equal("lands", placement.GetProperty("fluent-bit-windows").GetProperty("outcome").GetString());
        Assert.Equal("lands", placement.GetProperty("windows-exporter").GetProperty("outcome").GetString());
        Assert.All(new[] { "fluent-bit", "node-exporter", "node-local-dns", "falco" },
            agent => Assert.Equal("excludedBySelector", placement.GetProperty(agent).GetProperty("outcome").GetString()));
        // fluent-bit-windows 100m/128Mi + windows-exporter 50m/64Mi (Pulumi.prod.yaml), on 31580m / 116.7Gi / 30 pods.
        Assert.Equal(150, group.GetProperty("agentRequests").GetProperty("cpuMillicores").GetInt64());
        Assert.Equal(192L << 20, group.GetProperty("agentRequests").GetProperty("memoryBytes").GetInt64());
        Assert.Equal(6.7, group.GetProperty("agentTaxPercent").GetProperty("pods").GetDouble());
    }

    [Fact]
    public void Without_the_Windows_agents_the_same_policy_reports_both_gaps_there()
    {
        using var project = new TempProject();
        var prod = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml"));
        var start = prod.IndexOf("    # The Windows node's logging agent", StringComparison.Ordinal);
        var end = prod.IndexOf("  # Which nodes must run", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        project.Write("Pulumi.linux.yaml", prod[..start] + prod[end..]);

        var plan = Plan(project, "linux");

        Assert.Equal(4, plan.GetProperty("agents").GetArrayLength());
        Assert.Equal(
            ["no logging agent on node aksnpwin000000", "no monitoring agent on node aksnpwin000000"],
            GapsOnTheWindowsNode(plan).Select(gap => gap.GetProperty("message").GetString()![..(gap.GetProperty("message").GetString()!.IndexOf(" (", StringComparison.Ordinal))]));
    }
}
