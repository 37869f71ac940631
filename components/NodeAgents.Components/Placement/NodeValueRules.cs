using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// The checks a node of an inventory must pass beyond parsing: every <c>status.capacity</c> and <c>status.allocatable</c>
/// quantity meets <see cref="QuantityRules"/>, and every taint effect is one the API accepts (kubernetes/kubernetes
/// <c>pkg/apis/core/validation</c> <c>validateTaintEffect</c>: <c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>).
/// </summary>
public static class NodeValueRules
{
    /// <summary>The taint effects the API accepts.</summary>
    public static IReadOnlyList<string> TaintEffects { get; } = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>What is wrong with a taint effect, or null when it is one of <see cref="TaintEffects"/>.</summary>
    /// <param name="effect">The effect as written; null when missing.</param>
    public static string? TaintEffectProblem(string? effect) =>
        effect is "NoSchedule" or "PreferNoSchedule" or "NoExecute"
            ? null
            : effect is null or ""
                ? "required: one of NoSchedule, PreferNoSchedule, NoExecute"
                : $"'{effect}' is not one of NoSchedule, PreferNoSchedule, NoExecute";

    /// <summary>Every bad value of <paramref name="node"/>: its path below the node (e.g. <c>status.allocatable.memory</c>) and what is wrong.</summary>
    /// <param name="node">A deserialized node.</param>
    public static IEnumerable<(string Path, string Message)> Problems(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var (list, resources) in new[] { ("capacity", node.Status?.Capacity), ("allocatable", node.Status?.Allocatable) })
        {
            foreach (var (name, quantity) in resources ?? new Dictionary<string, ResourceQuantity>())
            {
                if (quantity is not null && QuantityRules.Problem(name, quantity) is { } problem)
                {
                    yield return ($"status.{list}.{name}", problem);
                }
            }
        }

        var taints = node.Spec?.Taints ?? [];
        for (var index = 0; index < taints.Count; index++)
        {
            if (TaintEffectProblem(taints[index]?.Effect) is { } problem)
            {
                yield return ($"spec.taints[{index}].effect", problem);
            }
        }
    }
}
