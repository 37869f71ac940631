using System.Text.Json;
using BenchmarkDotNet.Attributes;
using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Placement;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Benchmarks;

/// <summary>
/// <c>plan --pods</c> with 100,000 generated pods on 1,000 generated nodes against merely parsing the same pods file with
/// System.Text.Json (<see cref="ParsePodsJsonDocument"/>, the baseline), paired in one run; <see cref="ReadPods"/> is the
/// pod list alone, <see cref="PlanWithoutPods"/> what the node inventory alone costs.
/// </summary>
[MemoryDiagnoser]
public class PodsBenchmarks
{
    private string nodesFile = "";
    private string podsFile = "";
    private IReadOnlyList<V1DaemonSet> daemonSets = [];
    private CoveragePolicy policy = CoveragePolicy.Default;

    /// <summary>The number of generated pods.</summary>
    [Params(100_000)]
    public int Pods { get; set; }

    /// <summary>The number of generated nodes the pods are spread over.</summary>
    public const int Nodes = 1_000;

    /// <summary>Generates both files and builds the prod stack's DaemonSets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var shapes = InventoryGenerator.Shapes(BenchPaths.SharedData);
        nodesFile = Path.Combine(Path.GetTempPath(), $"nodeagents-bench-pods-nodes-{Nodes}.json");
        podsFile = Path.Combine(Path.GetTempPath(), $"nodeagents-bench-pods-{Pods}.json");
        InventoryGenerator.Write(shapes, Nodes, nodesFile);
        var names = NodeInventory.Read(nodesFile).Select(node => node.Metadata.Name).ToList();
        PodGenerator.Write(PodGenerator.Shapes(BenchPaths.SharedData), names, Pods, podsFile);
        (daemonSets, policy) = BenchInputs.ProdStack();
    }

    /// <summary>Parses the pods file into a <see cref="JsonDocument"/>: the cost of reading the JSON at all.</summary>
    [Benchmark(Baseline = true)]
    public int ParsePodsJsonDocument() => BenchInputs.ParseAndCountItems(podsFile);

    /// <summary>Reads the pods and sums them per node (<see cref="PodInventory.Read"/>): the pod list's own share of the plan.</summary>
    [Benchmark]
    public int ReadPods() => PodInventory.Read(podsFile, []).Count;

    /// <summary>What <c>nodeagents plan --pods</c> does: read the pods, then plan on the streamed inventory next to them.</summary>
    [Benchmark]
    public int PlanWithPods() => PlacementPlanner.Plan(daemonSets, nodesFile, policy, PodInventory.Read(podsFile, [])).Groups.Count;

    /// <summary>The same plan without pods: the inventory's share.</summary>
    [Benchmark]
    public int PlanWithoutPods() => PlacementPlanner.Plan(daemonSets, nodesFile, policy).Groups.Count;
}
