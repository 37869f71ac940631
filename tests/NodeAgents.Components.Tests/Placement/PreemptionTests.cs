using k8s.Models;
using NodeAgents.Placement;

namespace NodeAgents.Components.Tests.Placement;

/// <summary>Victim selection as kubernetes pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go SelectVictimsOnNode.</summary>
public class PreemptionTests
{
    private static readonly ResourceAmounts Node = new(4000, 8L << 30, 110);

    private static BoundPod Pod(string name, int priority, long milliCpu, int minute = 0) =>
        new("apps", name, priority, new ResourceAmounts(milliCpu, 0, 1), new DateTime(2026, 1, 1, 0, minute, 0, DateTimeKind.Utc));

    [Fact]
    public void Lower_priority_pods_are_reprieved_most_important_first_and_the_rest_evicted_lowest_first()
    {
        BoundPod[] pods = [Pod("batch-old", 0, 1500, minute: 1), Pod("batch-new", 0, 1500, minute: 2), Pod("web", 1000, 900), Pod("system", 5000, 100)];
        var used = new ResourceAmounts(4000, 0, 4);

        var victims = Preemption.Victims(2000, new ResourceAmounts(1000, 0, 1), Node, used, pods);

        // Without web and both batch pods, 100m + 1000m are used; reprieve web (1000 priority) → 2000m, then the older
        // batch pod (earlier start) → 3500m, then batch-new would make 5000m: it is the one victim.
        Assert.Equal(["batch-new"], victims!.Select(pod => pod.Name));
    }

    [Fact]
    public void Pods_of_equal_or_higher_priority_are_never_victims_and_no_room_means_no_preemption()
    {
        BoundPod[] pods = [Pod("peer", 2000, 2000), Pod("low", 0, 500), Pod("high", 3000, 1500)];
        var used = new ResourceAmounts(4000, 0, 3);

        Assert.Null(Preemption.Victims(2000, new ResourceAmounts(1000, 0, 1), Node, used, pods)); // only 500m could be freed
        Assert.Null(Preemption.Victims(0, new ResourceAmounts(100, 0, 1), Node, used, pods));      // nothing of lower priority
        Assert.Equal(["low"], Preemption.Victims(2000, new ResourceAmounts(400, 0, 1), Node, used, pods)!.Select(pod => pod.Name));
    }

    [Fact]
    public void Pods_of_planned_DaemonSets_terminated_pods_and_unbound_pods_are_not_counted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pods-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"kind": "Pod", "metadata": {"name": "old-agent", "namespace": "node-agents", "ownerReferences": [{"kind": "DaemonSet", "name": "fluent-bit", "apiVersion": "apps/v1", "uid": "u"}]},
               "spec": {"nodeName": "n1", "containers": [{"name": "c", "resources": {"requests": {"cpu": "1"}}}]}},
              {"kind": "Pod", "metadata": {"name": "done", "namespace": "jobs"}, "spec": {"nodeName": "n1", "containers": [{"name": "c", "resources": {"requests": {"cpu": "2"}}}]}, "status": {"phase": "Succeeded"}},
              {"kind": "Pod", "metadata": {"name": "pending", "namespace": "jobs"}, "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "3"}}}]}},
              {"kind": "Pod", "metadata": {"name": "web", "namespace": "apps"}, "spec": {"nodeName": "n1", "priority": 7, "overhead": {"cpu": "10m"},
               "initContainers": [{"name": "init", "resources": {"requests": {"cpu": "700m"}}}],
               "containers": [{"name": "c", "resources": {"requests": {"cpu": "250m", "memory": "64Mi"}}}, {"name": "d", "resources": {"limits": {"cpu": "100m"}}}]}}
            ]}
            """);
        try
        {
            var nodes = PodInventory.Read(file, [("node-agents", "fluent-bit")]);

            var node = Assert.Single(nodes.Values);
            var web = Assert.Single(node.Pods);
            Assert.Equal(("web", 7), (web.Name, web.Priority));
            // max(250m + 100m (limit as request), 700m init) + 10m overhead.
            Assert.Equal(new ResourceAmounts(710, 64L << 20, 1), node.Requests);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Priority_classes_of_the_cluster_give_an_agent_the_priority_to_preempt_and_the_global_default_applies_without_a_class()
    {
        var file = Path.Combine(Path.GetTempPath(), $"classes-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "infra-high"}, "value": 100000},
              {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "default-low"}, "value": 10, "globalDefault": true}
            ]}
            """);
        try
        {
            var classes = PriorityClasses.Read(file);
            var node = new NodePods("n1");
            node.Add(Pod("batch", 0, 3950));
            var pods = new Dictionary<string, NodePods> { ["n1"] = node };
            var policy = new CoveragePolicy { Required = new Dictionary<string, string>(), Exclude = [] };
            V1DaemonSet[] agents = [Fixtures.DaemonSet("classed", priorityClassName: "infra-high"), Fixtures.DaemonSet("unclassed")];

            var builtIn = PlacementPlanner.Plan(agents, [Fixtures.Node("n1")], policy, pods);
            var withClasses = PlacementPlanner.Plan(agents, [Fixtures.Node("n1")], policy, pods, classes);

            Assert.Equal(PlacementOutcome.DoesNotFit, builtIn.DecisionFor("classed", "n1").Outcome); // an unknown class counts as 0
            Assert.Equal(PlacementOutcome.Preempts, withClasses.DecisionFor("classed", "n1").Outcome);
            Assert.Equal(["batch"], withClasses.DecisionFor("classed", "n1").Victims.Select(pod => pod.Name));
            Assert.Equal([100000, 10], withClasses.Agents.Select(agent => agent.Priority));
            Assert.Equal((100000, 10, 0), (classes.Resolve("infra-high"), classes.Resolve(null), PriorityClasses.BuiltIn.Resolve(null)));
            Assert.Equal(DaemonSetPlacement.SystemNodeCritical, classes.Resolve("system-node-critical"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_host_port_bound_by_a_pod_already_on_the_node_keeps_the_agent_pending_or_is_preempted_when_its_holder_has_lower_priority()
    {
        // node_ports.go: the NodePorts filter fails with "node(s) didn't have free ports for the requested pod ports"; in
        // SelectVictimsOnNode a pod that keeps the filter failing is never reprieved.
        var node = new NodePods("n1");
        node.Add(Pod("old-exporter", 0, 100) with { HostPorts = [(9100, "TCP", "")] });
        node.Add(Pod("dns", DaemonSetPlacement.SystemNodeCritical, 100) with { HostPorts = [(53, "UDP", "")] });
        node.Add(Pod("batch", 0, 100) with { HostPorts = [(9100, "UDP", ""), (8080, "TCP", "10.0.0.1")] });
        var pods = new Dictionary<string, NodePods> { ["n1"] = node };
        var policy = new CoveragePolicy { Required = new Dictionary<string, string>(), Exclude = [] };
        V1DaemonSet[] agents =
        [
            Fixtures.DaemonSet("exporter", ports: [new V1ContainerPort { ContainerPort = 9100, HostPort = 9100 }], priorityClassName: "system-node-critical"),
            Fixtures.DaemonSet("resolver", ports: [new V1ContainerPort { ContainerPort = 53, HostPort = 53, Protocol = "UDP" }], priorityClassName: "system-node-critical"),
            Fixtures.DaemonSet("lowly", ports: [new V1ContainerPort { ContainerPort = 8080, HostPort = 8080, HostIP = "10.0.0.2" }]),
        ];

        var plan = PlacementPlanner.Plan(agents, [Fixtures.Node("n1")], policy, pods);

        var exporter = plan.DecisionFor("exporter", "n1");
        Assert.Equal(PlacementOutcome.Preempts, exporter.Outcome);
        Assert.Equal(["old-exporter"], exporter.Victims.Select(pod => pod.Name)); // fits on cpu with it: evicted only for its port
        Assert.StartsWith("node(s) didn't have free ports for the requested pod ports: host port 9100/TCP is bound by pod apps/old-exporter;", exporter.Reason);
        var resolver = plan.DecisionFor("resolver", "n1");
        Assert.Equal(PlacementOutcome.DoesNotFit, resolver.Outcome); // the holder's priority is as high: no victim
        Assert.Equal("node(s) didn't have free ports for the requested pod ports: host port 53/UDP is bound by pod apps/dns", resolver.Reason);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("lowly", "n1").Outcome); // another host IP, another protocol
    }
}
