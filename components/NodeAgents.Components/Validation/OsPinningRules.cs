using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Whether a DaemonSet's pods are kept off Windows nodes: the DaemonSet controller places a pod on every node that its
/// nodeSelector and required node affinity admit, so a Linux agent without an OS constraint is started on Windows nodes
/// too, where the image cannot run (kubernetes.io/docs/concepts/windows/user-guide, "Ensuring OS-specific workloads land
/// on the appropriate container host").
/// </summary>
internal static class OsPinningRules
{
    /// <summary>The well-known node label the kubelet sets to the node's operating system (<c>linux</c> or <c>windows</c>).</summary>
    public const string OsLabel = "kubernetes.io/os";

    public static readonly ValidationRule NotPinned = new("pod-os-not-pinned", Severity.Warning, "kubernetes.io/docs/concepts/windows/user-guide (Ensuring OS-specific workloads land on the appropriate container host)", "nodeSelector or required node affinity pins kubernetes.io/os");

    public static IReadOnlyList<ValidationRule> All { get; } = [NotPinned];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        if (pod.NodeSelector?.ContainsKey(OsLabel) == true || RequiredAffinityPinsOs(pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution))
        {
            return;
        }

        sink.Add(NotPinned, podPath + ".nodeSelector", null,
            $"neither nodeSelector nor required node affinity constrains {OsLabel}, so the DaemonSet also starts pods on Windows nodes, where Linux images fail; add nodeSelector {OsLabel}: linux");
    }

    /// <summary>
    /// True when every nodeSelectorTerm (the terms are ORed) keeps Windows out by an expression on <see cref="OsLabel"/>:
    /// In (an explicit OS list), NotIn naming windows, or DoesNotExist.
    /// </summary>
    private static bool RequiredAffinityPinsOs(V1NodeSelector? required)
    {
        var terms = required?.NodeSelectorTerms ?? [];
        return terms.Count > 0 && terms.All(term => (term.MatchExpressions ?? []).Any(PinsOs));
    }

    private static bool PinsOs(V1NodeSelectorRequirement requirement) =>
        requirement.Key == OsLabel && requirement.OperatorProperty switch
        {
            "In" => true,
            "NotIn" => (requirement.Values ?? []).Contains("windows", StringComparer.Ordinal),
            "DoesNotExist" => true,
            _ => false,
        };
}
