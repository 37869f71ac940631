using k8s.Models;
using NodeAgents.Building;

namespace NodeAgents.Presets;

/// <summary>
/// Composes a preset's node affinity (its guard) with a user's. Required node affinity is a list of terms of which one
/// must match, each term an AND of its expressions (k8s.io/component-helpers scheduling/corev1/nodeaffinity
/// <c>NodeSelector.Match</c>: terms ORed, <c>nodeSelectorTermMatches</c>: expressions ANDed). So "guard AND user" is
/// every pair of a user term and a guard term joined into one term: <c>(u1 OR u2) AND g = (u1 AND g) OR (u2 AND g)</c>.
/// Preferred terms are the user's when given, else the preset's.
/// </summary>
public static class NodeAffinityComposition
{
    /// <summary>
    /// <paramref name="preset"/>'s required terms ANDed with <paramref name="user"/>'s (or the user's alone when
    /// <paramref name="keepGuard"/> is false); null when neither has anything. Pure: the inputs are not changed.
    /// </summary>
    public static V1NodeAffinity? Compose(V1NodeAffinity? preset, V1NodeAffinity? user, bool keepGuard)
    {
        var guardTerms = keepGuard ? preset?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [] : [];
        var userTerms = user?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
        var required = guardTerms.Count == 0 ? userTerms.Select(term => KubernetesObjects.Copy(term)!).ToList()
            : userTerms.Count == 0 ? guardTerms.Select(term => KubernetesObjects.Copy(term)!).ToList()
            : userTerms.SelectMany(term => guardTerms.Select(guard => Join(term, guard))).ToList();
        var preferred = user?.PreferredDuringSchedulingIgnoredDuringExecution ?? preset?.PreferredDuringSchedulingIgnoredDuringExecution;
        var composed = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = required.Count == 0 ? null : new V1NodeSelector { NodeSelectorTerms = required },
            PreferredDuringSchedulingIgnoredDuringExecution = preferred is null ? null : KubernetesObjects.CopyAll(preferred),
        };
        return composed.RequiredDuringSchedulingIgnoredDuringExecution is null && composed.PreferredDuringSchedulingIgnoredDuringExecution is null ? null : composed;
    }

    private static V1NodeSelectorTerm Join(V1NodeSelectorTerm user, V1NodeSelectorTerm guard)
    {
        var expressions = (KubernetesObjects.CopyAll(user.MatchExpressions ?? []) ?? []).Concat(KubernetesObjects.CopyAll(guard.MatchExpressions ?? []) ?? []).ToList();
        var fields = (KubernetesObjects.CopyAll(user.MatchFields ?? []) ?? []).Concat(KubernetesObjects.CopyAll(guard.MatchFields ?? []) ?? []).ToList();
        return new V1NodeSelectorTerm { MatchExpressions = expressions.Count == 0 ? null : expressions, MatchFields = fields.Count == 0 ? null : fields };
    }
}
