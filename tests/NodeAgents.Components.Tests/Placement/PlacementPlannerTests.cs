using k8s.Models;
using NodeAgents.Model;
using NodeAgents.Placement;
using static NodeAgents.Components.Tests.Placement.Fixtures;

namespace NodeAgents.Components.Tests.Placement;

public class PlacementPlannerTests
{
    private static readonly CoveragePolicy NoPolicy = new() { Required = new Dictionary<string, string>(), Exclude = [] };

    [Fact]
    public void A_node_too_small_for_all_agents_leaves_the_lowest_priority_agent_Pending()
    {
        var agents = new[]
        {
            DaemonSet("logs", "logging", cpu: "300m", memory: "100Mi"),
            DaemonSet("dns", "network", cpu: "300m", memory: "100Mi", priorityClassName: "system-node-critical"),
            DaemonSet("metrics", "monitoring", cpu: "300m", memory: "100Mi", priorityClassName: "system-cluster-critical"),
        };
        var plan = PlacementPlanner.Plan(agents, [Node("small", cpu: "700m", memory: "1Gi")], NoPolicy);

        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("dns", "small").Outcome);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("metrics", "small").Outcome);
        var logs = plan.DecisionFor("logs", "small");
        Assert.Equal(PlacementOutcome.DoesNotFit, logs.Outcome);
        Assert.Equal("Insufficient cpu 300m (free 100m of 700m) next to the agents placed before it (higher priority first)", logs.Reason);
        var group = plan.GroupOf("small");
        Assert.Equal(new ResourceAmounts(600, 200L << 20, 2), group.AgentRequests);
        Assert.Equal(85.7, group.CpuTaxPercent);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal((PlanSeverity.Error, PlanProblemKind.Pending, "logs"), (problem.Severity, problem.Kind, problem.Agents.Single()));
        Assert.True(plan.HasErrors);
    }

    [Fact]
    public void Pod_slots_count_like_cpu_and_memory()
    {
        var plan = PlacementPlanner.Plan([DaemonSet("a"), DaemonSet("b")], [Node("tiny", pods: "1")], NoPolicy);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("a", "tiny").Outcome);
        // The scheduler's own wording for a full node: "Too many pods" (noderesources/fit.go).
        Assert.Equal("Too many pods (free 0 of 1) next to the agents placed before it (higher priority first)", plan.DecisionFor("b", "tiny").Reason);
    }

    [Fact]
    public void Two_agents_on_the_same_host_port_and_protocol_clash_but_other_protocols_do_not()
    {
        V1ContainerPort Port(int number, string protocol) => new() { ContainerPort = number, HostPort = number, Protocol = protocol };
        var agents = new[]
        {
            DaemonSet("dns", "network", ports: [Port(53, "UDP")]),
            DaemonSet("exporter", "monitoring", ports: [Port(53, "TCP")]),
            DaemonSet("other-dns", "network", ports: [Port(53, "UDP")]),
        };
        var plan = PlacementPlanner.Plan(agents, [Node("n1")], NoPolicy);
        var clash = Assert.Single(plan.Problems);
        Assert.Equal(PlanProblemKind.HostPortClash, clash.Kind);
        Assert.Equal(["dns", "other-dns"], clash.Agents);
        Assert.Equal("dns and other-dns both bind host port 53/UDP on node n1 (g1): other-dns (placed later) stays Pending", clash.Message);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("dns", "n1").Outcome);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("exporter", "n1").Outcome);
        var pending = plan.DecisionFor("other-dns", "n1");
        Assert.Equal((PlacementOutcome.DoesNotFit, "host port 53/UDP is already bound by dns"), (pending.Outcome, pending.Reason));
        Assert.Equal(2, plan.GroupOf("n1").AgentRequests.Pods);
    }

    [Fact]
    public void Two_agents_on_one_host_port_clash_only_on_the_nodes_where_both_land()
    {
        V1ContainerPort Port(int number) => new() { ContainerPort = number, HostPort = number, Protocol = "TCP" };
        var agents = new[]
        {
            DaemonSet("exporter-a", "monitoring", nodeSelector: new() { ["pool"] = "a" }, ports: [Port(9100)]),
            DaemonSet("exporter-b", "monitoring", nodeSelector: new() { ["pool"] = "b" }, ports: [Port(9100)]),
            DaemonSet("exporter-all", "monitoring", affinity: Required(Term(Expression("pool", "In", "b", "c"))), ports: [Port(9100)]),
        };
        var nodes = new[] { Node("a1", new() { ["pool"] = "a" }), Node("b1", new() { ["pool"] = "b" }), Node("c1", new() { ["pool"] = "c" }) };
        var plan = PlacementPlanner.Plan(agents, nodes, NoPolicy);

        // Disjoint node sets (pool a vs pool b): no clash on a1; on b1 exporter-b and exporter-all both land; on c1 only exporter-all.
        var clash = Assert.Single(plan.Problems);
        Assert.Equal((PlanProblemKind.HostPortClash, "g2"), (clash.Kind, clash.GroupId));
        Assert.Equal(["exporter-b", "exporter-all"], clash.Agents);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("exporter-a", "a1").Outcome);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("exporter-all", "c1").Outcome);
        Assert.Equal(PlacementOutcome.DoesNotFit, plan.DecisionFor("exporter-all", "b1").Outcome);
    }

    [Fact]
    public void A_first_agent_that_does_not_fit_is_not_said_to_come_after_others()
    {
        var plan = PlacementPlanner.Plan([DaemonSet("big", cpu: "2", memory: "1Mi")], [Node("small", cpu: "1", memory: "1Gi")], NoPolicy);
        Assert.Equal("Insufficient cpu 2 (free 1 of 1)", plan.DecisionFor("big", "small").Reason);
    }

    [Fact]
    public void A_node_without_status_is_said_to_report_no_allocatable()
    {
        var node = Node("bare");
        node.Status = null;
        var plan = PlacementPlanner.Plan([DaemonSet("a", cpu: "100m", memory: "1Mi")], [node], NoPolicy);
        var decision = plan.DecisionFor("a", "bare");
        Assert.Equal(PlacementOutcome.DoesNotFit, decision.Outcome);
        Assert.Equal("the node reports no status.allocatable, which the scheduler counts as 0 cpu, 0 memory and 0 pods", decision.Reason);
    }

    [Fact]
    public void An_out_of_range_request_is_a_clear_error_not_an_overflow()
    {
        var error = Assert.Throws<ArgumentException>(() => PlacementPlanner.Plan([DaemonSet("greedy", cpu: "99999999999999999")], [Node("n1")], NoPolicy));
        Assert.StartsWith("DaemonSet greedy, container greedy: resources.requests.cpu: '99999999999999999' is too large", error.Message);
    }

    [Fact]
    public void Host_network_ports_count_as_host_ports()
    {
        var port = new V1ContainerPort { ContainerPort = 9100 };
        var agents = new[] { DaemonSet("a", hostNetwork: true, ports: [port]), DaemonSet("b", ports: [new V1ContainerPort { ContainerPort = 9100, HostPort = 9100 }]) };
        Assert.Equal(PlanProblemKind.HostPortClash, Assert.Single(PlacementPlanner.Plan(agents, [Node("n1")], NoPolicy).Problems).Kind);
    }

    [Fact]
    public void An_agent_without_an_os_selector_on_a_Windows_node_is_a_warning()
    {
        var windows = Node("win", new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" });
        var agents = new[] { DaemonSet("anywhere"), DaemonSet("linux-only", nodeSelector: new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }) };
        var plan = PlacementPlanner.Plan(agents, [windows], NoPolicy);
        var warning = Assert.Single(plan.Problems);
        Assert.Equal((PlanSeverity.Warning, PlanProblemKind.WindowsLanding, "anywhere"), (warning.Severity, warning.Kind, warning.Agents.Single()));
        Assert.False(plan.HasErrors);
    }

    [Fact]
    public void A_required_role_that_does_not_land_is_a_coverage_gap_naming_the_reason()
    {
        var policy = new CoveragePolicy { Required = new Dictionary<string, string> { ["logging"] = "kubernetes.io/os!=windows", ["security"] = "*" }, Exclude = [] };
        var gpu = Node("gpu", taints: [Taint("sku", "NoSchedule", "gpu")]);
        var agents = new[] { DaemonSet("fluent-bit", "logging"), DaemonSet("falco", "security", tolerations: Tolerations.EveryTaint()) };
        var plan = PlacementPlanner.Plan(agents, [gpu], policy);
        var gap = Assert.Single(plan.Problems);
        Assert.Equal(PlanProblemKind.CoverageGap, gap.Kind);
        Assert.Equal("no logging agent on node gpu (g1), which the coverage policy requires: fluent-bit: taint sku=gpu:NoSchedule is not tolerated", gap.Message);
    }

    [Fact]
    public void A_role_the_stack_does_not_deploy_is_a_gap_and_a_node_outside_the_selector_needs_nothing()
    {
        var policy = new CoveragePolicy { Required = new Dictionary<string, string> { ["security"] = "kubernetes.io/os=linux" }, Exclude = [] };
        var plan = PlacementPlanner.Plan([DaemonSet("fluent-bit", "logging")], [Node("linux"), Node("win", new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" })], policy);
        var gap = Assert.Single(plan.Problems, problem => problem.Severity == PlanSeverity.Error);
        Assert.Equal("no security agent on node linux (g1), which the coverage policy requires: the stack deploys no security agent", gap.Message);
        Assert.Equal(["security"], plan.GroupOf("linux").RequiredRoles);
        Assert.Empty(plan.GroupOf("win").RequiredRoles);
    }

    [Fact]
    public void Landing_on_an_excluded_node_is_reported_and_the_node_needs_no_agent()
    {
        var virtualNode = Node("virtual-node-aci-linux", new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["type"] = "virtual-kubelet" },
            taints: [Taint("virtual-kubelet.io/provider", "NoSchedule", "azure")]);
        var agents = new[] { DaemonSet("fluent-bit", "logging", tolerations: Tolerations.EveryTaint()), DaemonSet("falco", "security") };
        var plan = PlacementPlanner.Plan(agents, [virtualNode], CoveragePolicy.Default);
        var warning = Assert.Single(plan.Problems);
        Assert.Equal((PlanSeverity.Warning, PlanProblemKind.ExcludedLanding), (warning.Severity, warning.Kind));
        Assert.Equal("fluent-bit lands on node virtual-node-aci-linux (g1), which the coverage policy excludes (type=virtual-kubelet)", warning.Message);
        Assert.Equal("type=virtual-kubelet", plan.GroupOf("virtual-node-aci-linux").ExcludedBy);
    }

    [Fact]
    public void Planning_a_streamed_inventory_gives_the_same_plan_as_planning_its_deserialized_nodes()
    {
        var manifests = NodeAgents.Building.ManifestSet.Build(
            [NodeAgents.Presets.LoggingAgentPreset.Build(), NodeAgents.Presets.MonitoringAgentPreset.Build(), NodeAgents.Presets.NetworkAgentPreset.Build(), NodeAgents.Presets.SecurityAgentPreset.Build()]);
        var folder = Path.Combine(RepoPaths.SharedData, "nodes");
        var streamed = PlacementPlanner.Plan(manifests, folder, CoveragePolicy.Default);
        var typed = PlacementPlanner.Plan(manifests, NodeInventory.Read(folder), CoveragePolicy.Default);

        Assert.Equal(16, streamed.NodeCount);
        Assert.Equal(typed.Groups.Select(group => (group.Description, string.Join(",", group.Nodes), string.Join(",", group.Decisions), group.Allocatable)),
            streamed.Groups.Select(group => (group.Description, string.Join(",", group.Nodes), string.Join(",", group.Decisions), group.Allocatable)));
        Assert.Equal(typed.Problems.Select(problem => problem.Message), streamed.Problems.Select(problem => problem.Message));
        Assert.Equal(10, streamed.Groups.Count);
    }

    [Fact]
    public void Nodes_alike_in_every_relevant_label_taint_and_allocatable_share_a_group()
    {
        var nodes = new[]
        {
            Node("a1", new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["kubernetes.io/hostname"] = "a1" }),
            Node("a2", new Dictionary<string, string> { ["kubernetes.io/os"] = "linux", ["kubernetes.io/hostname"] = "a2" }),
            Node("big", cpu: "64"),
            Node("tainted", taints: [Taint("x", "NoSchedule")]),
        };
        var plan = PlacementPlanner.Plan([DaemonSet("a")], nodes, NoPolicy);
        Assert.Equal([["a1", "a2"], ["big"], ["tainted"]], plan.Groups.Select(group => group.Nodes.ToArray()).ToArray());
        Assert.Equal(["g1", "g2", "g3"], plan.Groups.Select(group => group.Id));
        Assert.Equal("linux · x:NoSchedule", plan.GroupOf("tainted").Description);
    }
}
