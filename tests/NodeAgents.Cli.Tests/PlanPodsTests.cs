using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary>
/// plan --pods: the pods already on each node count in fit (the scheduler's NodeResourcesFit), and agents whose priority is
/// higher preempt them as the default preemption picks victims
/// (kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go, SelectVictimsOnNode).
/// </summary>
[Collection("Console")]
public class PlanPodsTests
{
    private static string Data(string folder, string file) => Path.Combine(RepoPaths.SharedData, folder, file);

    private static (int Exit, JsonElement Plan, string Err) Plan(string stack, string nodes, string pods)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(["plan", "--stack", stack, "--nodes", nodes, "--pods", pods, "--project-dir", RepoPaths.Root, "-o", "json"], stdout, stderr);
        return (exit, exit is 0 or 1 ? JsonDocument.Parse(stdout.ToString()).RootElement.Clone() : default, stderr.ToString());
    }

    private static JsonElement Placement(JsonElement plan, string agent) => plan.GetProperty("groups")[0].GetProperty("placement").GetProperty(agent);

    private static string[] Victims(JsonElement plan, string agent) =>
        [.. Placement(plan, agent).GetProperty("preempts").EnumerateArray().Select(victim => victim.GetProperty("namespace").GetString() + "/" + victim.GetProperty("name").GetString())];

    [Fact]
    public void On_the_full_GKE_spot_node_every_prod_agent_preempts_instead_of_landing()
    {
        var (exit, plan, err) = Plan("prod", Data("nodes", "gke-spot-tainted-1node.json"), Data("pods", "gke-spot-tainted-1node.pods.json"));

        Assert.True(exit == 0, err);
        var group = plan.GetProperty("groups")[0];
        Assert.Equal(3884, group.GetProperty("existingPodRequests").GetProperty("cpuMillicores").GetInt64());
        Assert.Equal(11, group.GetProperty("existingPodRequests").GetProperty("pods").GetInt64());
        foreach (var agent in new[] { "fluent-bit", "node-exporter", "node-local-dns", "falco" })
        {
            Assert.Equal("preempts", Placement(plan, agent).GetProperty("outcome").GetString());
        }

        // 36m free; fluent-bit needs 100m: every priority-0 pod is a potential victim, reprieved in order while it still
        // fits, so the one that breaks the sum (kube-proxy, 100m) is evicted.
        Assert.Equal(["kube-system/kube-proxy-gke-cluster-a-n2-standard-4-v2-0000000a-n001"], Victims(plan, "fluent-bit"));
        Assert.Equal(["kube-system/fluentbit-gke-q972k", "kube-system/gke-metadata-server-cm9w8"], Victims(plan, "falco"));
        Assert.StartsWith("Insufficient cpu 100m (free 36m of 3920m) next to the pods already on the node; priority 2000001000 preempts 1 lower-priority pod",
            Placement(plan, "fluent-bit").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, plan.GetProperty("problems").EnumerateArray().Count(problem => problem.GetProperty("kind").GetString() == "preempts" && problem.GetProperty("severity").GetString() == "warning"));

        // Findings follow the fit order (system-node-critical before system-cluster-critical, then stack order), so each
        // free amount follows from the preemptions listed before it: node-local-dns sees fluent-bit's 100m back in place of
        // kube-proxy's, falco what is left after node-local-dns, node-exporter (lower priority) last.
        Assert.Equal(
            ["fluent-bit", "node-local-dns", "falco", "node-exporter"],
            plan.GetProperty("problems").EnumerateArray().Where(problem => problem.GetProperty("kind").GetString() == "preempts").Select(problem => problem.GetProperty("agents")[0].GetString()));
        Assert.Contains("(free 16m of 3920m)", Placement(plan, "falco").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("(free 21m of 3920m)", Placement(plan, "node-exporter").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_the_AKS_GPU_node_the_existing_pods_leave_room_and_the_agents_land()
    {
        var (exit, plan, err) = Plan("prod", Data("nodes", "aks-gpu-1node.json"), Data("pods", "aks-gpu-1node.pods.json"));

        Assert.True(exit is 0 or 1, err);
        var existing = plan.GetProperty("groups")[0].GetProperty("existingPodRequests");
        Assert.Equal((310L, 220L * 1024 * 1024, 5L), (existing.GetProperty("cpuMillicores").GetInt64(), existing.GetProperty("memoryBytes").GetInt64(), existing.GetProperty("pods").GetInt64()));
        Assert.Equal("lands", Placement(plan, "fluent-bit").GetProperty("outcome").GetString());
        Assert.Empty(Victims(plan, "fluent-bit"));
    }

    [Fact]
    public void On_the_AKS_Windows_node_the_pods_are_counted_though_no_Linux_agent_lands()
    {
        var (_, plan, err) = Plan("prod", Data("nodes", "aks-windows-spot-1node.json"), Data("pods", "aks-windows-spot-1node.pods.json"));

        var existing = plan.GetProperty("groups")[0].GetProperty("existingPodRequests");
        Assert.True(existing.ValueKind == JsonValueKind.Object, err);
        Assert.Equal((930L, 1504L * 1024 * 1024), (existing.GetProperty("cpuMillicores").GetInt64(), existing.GetProperty("memoryBytes").GetInt64()));
        Assert.Equal("excludedBySelector", Placement(plan, "fluent-bit").GetProperty("outcome").GetString());
    }

    [Fact]
    public void The_pod_list_can_come_from_standard_input()
    {
        var original = Console.In;
        try
        {
            Console.SetIn(new StringReader(File.ReadAllText(Data("pods", "gke-spot-tainted-1node.pods.json"))));
            var (exit, plan, err) = Plan("prod", Data("nodes", "gke-spot-tainted-1node.json"), "-");

            Assert.True(exit == 0, err);
            Assert.Equal("preempts", Placement(plan, "falco").GetProperty("outcome").GetString());
        }
        finally
        {
            Console.SetIn(original);
        }
    }

    [Fact]
    public void A_pod_list_that_is_not_one_is_bad_input_with_its_position()
    {
        using var project = new TempProject();
        var pods = project.Write("pods.json", "{\"kind\": \"List\", \"items\": [{\"kind\": \"Node\", \"metadata\": {\"name\": \"x\"}}]}");
        var (exit, _, err) = Plan("prod", Data("nodes", "gke-spot-tainted-1node.json"), pods);

        Assert.Equal(2, exit);
        Assert.Contains("error: 1 problem in the pod list; nothing was written.", err, StringComparison.Ordinal);
        Assert.Contains("pods.json:1:28: items[0].kind: expected a Pod, got 'Node'", err, StringComparison.Ordinal);
    }
}
