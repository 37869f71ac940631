using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// The tolerations the DaemonSet controller adds to every pod it creates (kubernetes/kubernetes
/// <c>pkg/controller/daemon/util.AddOrUpdateDaemonPodTolerations</c>, called from <c>NewPod</c>), so node conditions never
/// keep or evict a node agent: <c>node.kubernetes.io/not-ready</c> and <c>…/unreachable</c> with NoExecute;
/// <c>…/disk-pressure</c>, <c>…/memory-pressure</c>, <c>…/pid-pressure</c> and <c>…/unschedulable</c> with NoSchedule; and,
/// for <c>hostNetwork</c> pods only, <c>…/network-unavailable</c> with NoSchedule. All use <c>operator: Exists</c>.
/// </summary>
public static class DaemonPodTolerations
{
    /// <summary>The tolerations added to every DaemonSet pod.</summary>
    public static IReadOnlyList<V1Toleration> Always { get; } =
    [
        Exists("node.kubernetes.io/not-ready", "NoExecute"),
        Exists("node.kubernetes.io/unreachable", "NoExecute"),
        Exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
        Exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
        Exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
        Exists("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    /// <summary>The toleration added only to <c>hostNetwork</c> DaemonSet pods.</summary>
    public static V1Toleration NetworkUnavailable { get; } = Exists("node.kubernetes.io/network-unavailable", "NoSchedule");

    /// <summary>
    /// The pod's own tolerations plus the added ones, as the controller's pod has them. An added toleration equal to an
    /// existing one (same key, operator, value and effect) is not repeated. The input is not changed.
    /// </summary>
    public static IReadOnlyList<V1Toleration> Apply(V1PodSpec pod)
    {
        var result = new List<V1Toleration>(pod.Tolerations ?? []);
        IEnumerable<V1Toleration> added = pod.HostNetwork == true ? [.. Always, NetworkUnavailable] : Always;
        foreach (var toleration in added)
        {
            if (!result.Any(existing => existing.Key == toleration.Key && existing.OperatorProperty == toleration.OperatorProperty &&
                                        (existing.Value ?? "") == (toleration.Value ?? "") && existing.Effect == toleration.Effect))
            {
                result.Add(toleration);
            }
        }

        return result;
    }

    private static V1Toleration Exists(string key, string effect) => new() { Key = key, OperatorProperty = "Exists", Effect = effect };
}
