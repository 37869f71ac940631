using k8s.Models;

namespace NodeAgents.Model;

/// <summary>
/// The toleration sets node agents usually need. Each call returns new objects.
/// Taint keys follow the Kubernetes "Well-Known Labels, Annotations and Taints" reference.
/// </summary>
public static class Tolerations
{
    /// <summary>The taint kubeadm (1.24+) puts on control-plane nodes.</summary>
    public const string ControlPlaneKey = "node-role.kubernetes.io/control-plane";

    /// <summary>The control-plane taint of older clusters (kubeadm before 1.24, OpenShift 4).</summary>
    public const string LegacyMasterKey = "node-role.kubernetes.io/master";

    /// <summary>
    /// "Every node": a single toleration with <c>operator: Exists</c> and no key or effect, which tolerates
    /// every taint, NoExecute included.
    /// </summary>
    public static IReadOnlyList<V1Toleration> EveryTaint() => [new V1Toleration { OperatorProperty = "Exists" }];

    /// <summary>
    /// "Also control-plane nodes": <c>node-role.kubernetes.io/control-plane:NoSchedule</c> and the legacy
    /// <c>node-role.kubernetes.io/master:NoSchedule</c>, both with <c>operator: Exists</c>.
    /// </summary>
    public static IReadOnlyList<V1Toleration> ControlPlane() =>
    [
        new V1Toleration { Key = ControlPlaneKey, OperatorProperty = "Exists", Effect = "NoSchedule" },
        new V1Toleration { Key = LegacyMasterKey, OperatorProperty = "Exists", Effect = "NoSchedule" },
    ];
}
