using k8s;
using k8s.Models;
using NodeAgents.Placement;
using static NodeAgents.Components.Tests.Placement.Fixtures;

namespace NodeAgents.Components.Tests.Placement;

/// <summary>Nodes grouped by name (an agent selects by name, or the node has pods) that share a shape are planned under their own names.</summary>
public sealed class NodeGroupingTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"grouping-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(file);

    [Fact]
    public void Nodes_of_one_shape_grouped_by_name_are_each_decided_under_their_own_name()
    {
        var nodes = new V1NodeList { ApiVersion = "v1", Kind = "List", Items = [Node("n1"), Node("n2"), Node("n3", cpu: "1")] };
        File.WriteAllText(file, KubernetesJson.Serialize(nodes));
        var byName = DaemonSet("picky", affinity: Required(new V1NodeSelectorTerm { MatchFields = [Expression("metadata.name", "In", "n2")] }));
        var policy = new CoveragePolicy { Required = new Dictionary<string, string>(), Exclude = [] };

        var plan = PlacementPlanner.Plan([byName], file, policy);

        Assert.Equal([["n1"], ["n2"], ["n3"]], plan.Groups.Select(group => group.Nodes));
        Assert.Equal([PlacementOutcome.ExcludedBySelector, PlacementOutcome.Lands, PlacementOutcome.ExcludedBySelector],
            new[] { "n1", "n2", "n3" }.Select(name => plan.DecisionFor("picky", name).Outcome));
        Assert.Equal([4000, 4000, 1000], plan.Groups.Select(group => group.Allocatable.MilliCpu));
    }
}
