using k8s.Models;
using NodeAgents.Placement;

namespace NodeAgents.Validation;

/// <summary>
/// Whether a DaemonSet's pods can be placed on virtual-kubelet nodes (<c>type=virtual-kubelet</c>, e.g. AKS virtual
/// nodes) or EKS Fargate nodes (<c>eks.amazonaws.com/compute-type=fargate</c>), where a node agent cannot run (EKS:
/// "DaemonSets aren't supported on Fargate"). A node agent should keep off them with required node affinity (the presets'
/// guard, see <c>Presets.NodeAffinityComposition</c>). Checked per required term, as the DaemonSet controller matches
/// (k8s.io/component-helpers nodeaffinity): a node carrying the term's In/Exists labels, the nodeSelector and the virtual
/// label is tried; if it matches, the pod can land there unless a taint keeps it off.
/// </summary>
internal static class VirtualNodeRules
{
    public static readonly ValidationRule CanLand = new("virtual-node-not-excluded", Severity.Warning, "k8s.io/component-helpers scheduling/corev1/nodeaffinity (required terms); docs.aws.amazon.com/eks/latest/userguide/fargate.html (DaemonSets not supported)", "required node affinity keeps node agents off virtual-kubelet and Fargate nodes");

    public static IReadOnlyList<ValidationRule> All { get; } = [CanLand];

    private static readonly (string Key, string Value, string What)[] VirtualLabels =
    [
        ("type", "virtual-kubelet", "virtual-kubelet"),
        ("eks.amazonaws.com/compute-type", "fargate", "EKS Fargate"),
    ];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var affinity = RequiredNodeAffinity.For(pod);
        var terms = pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        IEnumerable<V1NodeSelectorTerm?> candidates = terms is { Count: > 0 } ? terms : [null];
        var reached = VirtualLabels
            .Where(label => candidates.Any(term => affinity.Matches(Node(pod, term, label.Key, label.Value), out _)))
            .Select(label => $"{label.What} ({label.Key}={label.Value})")
            .ToList();
        if (reached.Count > 0)
        {
            sink.Add(CanLand, podPath + ".affinity.nodeAffinity", null,
                $"the pods can land on {string.Join(" and ", reached)} nodes, where a node agent cannot run, unless a taint keeps them off; keep the presets' guard (drop nodeGuard: false) or add required node affinity with NotIn for these labels");
        }
    }

    /// <summary>A node with the nodeSelector's labels, the term's In (first value) and Exists labels, and the virtual label.</summary>
    private static V1Node Node(V1PodSpec pod, V1NodeSelectorTerm? term, string key, string value)
    {
        var labels = new Dictionary<string, string>(pod.NodeSelector ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var expression in term?.MatchExpressions ?? [])
        {
            if (expression.OperatorProperty == "In" && expression.Values is { Count: > 0 } values)
            {
                labels[expression.Key] = values[0];
            }
            else if (expression.OperatorProperty == "Exists")
            {
                labels[expression.Key] = "";
            }
        }

        labels[key] = value;
        return new V1Node { Metadata = new V1ObjectMeta { Name = "virtual-node", Labels = labels } };
    }
}
