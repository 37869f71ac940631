using System.Text.Json;
using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Placement;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Benchmarks;

/// <summary>What the plan benchmarks share: the prod stack's DaemonSets and policy, and the parsing baseline.</summary>
public static class BenchInputs
{
    /// <summary>The DaemonSets and coverage policy of the repository's prod stack.</summary>
    public static (IReadOnlyList<V1DaemonSet> DaemonSets, CoveragePolicy Policy) ProdStack()
    {
        var stack = StackBinder.Bind(StackFiles.Load(BenchPaths.Root, "prod"));
        return (ManifestSet.Build(stack.Agents, stack.PartOf).Agents.Select(agent => agent.Objects.DaemonSet).ToList(), stack.Coverage);
    }

    /// <summary>Parses <paramref name="file"/> into a <see cref="JsonDocument"/> and counts its items: the cost of reading the JSON at all.</summary>
    public static int ParseAndCountItems(string file)
    {
        using var stream = File.OpenRead(file);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }
}
