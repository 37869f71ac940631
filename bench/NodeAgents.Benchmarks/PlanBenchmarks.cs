using System.Text.Json;
using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Placement;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Benchmarks;

/// <summary>
/// Planning the prod stack on generated inventories of 1,000, 5,000 and 20,000 nodes against merely parsing the same file
/// with System.Text.Json: <see cref="ParseJsonDocument"/> (a <see cref="JsonDocument"/>, the baseline) and
/// <see cref="DeserializeNodeList"/> (the typed <c>V1NodeList</c> every reader of the models must build).
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private string file = "";
    private IReadOnlyList<V1DaemonSet> daemonSets = [];
    private CoveragePolicy policy = CoveragePolicy.Default;

    /// <summary>The number of generated nodes.</summary>
    [Params(1_000, 5_000, 20_000)]
    public int Nodes { get; set; }

    /// <summary>Generates the inventory file and builds the prod stack's DaemonSets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        file = Path.Combine(Path.GetTempPath(), $"nodeagents-bench-{Nodes}.json");
        InventoryGenerator.Write(InventoryGenerator.Shapes(BenchPaths.SharedData), Nodes, file);
        (daemonSets, policy) = BenchInputs.ProdStack();
    }

    /// <summary>Parses the file into a <see cref="JsonDocument"/> and walks nothing: the cost of reading the JSON at all.</summary>
    [Benchmark(Baseline = true)]
    public int ParseJsonDocument() => BenchInputs.ParseAndCountItems(file);

    /// <summary>Deserializes the file into KubernetesClient's <c>V1NodeList</c> with System.Text.Json.</summary>
    [Benchmark]
    public int DeserializeNodeList()
    {
        using var stream = File.OpenRead(file);
        return KubernetesJson.Deserialize<V1NodeList>(stream).Items.Count;
    }

    /// <summary>What <c>nodeagents plan</c> does: stream the inventory into the planner, which decides per node group.</summary>
    [Benchmark]
    public int Plan()
    {
        return PlacementPlanner.Plan(daemonSets, file, policy).Groups.Count;
    }
}
