using k8s.Models;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Commands;

/// <summary>How <c>plan --manifests</c> combines foreign DaemonSets with a stack's agents.</summary>
internal static class ManifestPlanning
{
    /// <summary>The policy without a stack: nothing required, nothing excluded (foreign DaemonSets carry no agent role).</summary>
    public static CoveragePolicy NoPolicy { get; } = new() { Required = new SortedDictionary<string, string>(StringComparer.Ordinal), Exclude = [] };

    /// <summary>
    /// The stack's DaemonSets, then those of the manifests that are not one of them (same namespace and name: the stack's
    /// own rendered agent, e.g. <c>render</c> output passed back in, is planned once, as the stack builds it).
    /// </summary>
    public static List<V1DaemonSet> Merge(IReadOnlyList<V1DaemonSet> stack, IReadOnlyList<V1DaemonSet> manifests)
    {
        var known = stack.Select(Key).ToHashSet(StringComparer.Ordinal);
        return [.. stack, .. manifests.Where(daemonSet => known.Add(Key(daemonSet)))];
    }

    private static string Key(V1DaemonSet daemonSet) => $"{daemonSet.Metadata?.NamespaceProperty}/{daemonSet.Metadata?.Name}";
}
