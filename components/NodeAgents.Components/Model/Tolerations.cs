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

    /// <summary>The three taint effects, in the order <see cref="EveryTaint"/> lists them.</summary>
    public static IReadOnlyList<string> Effects { get; } = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>
    /// "Every node": one toleration per effect (NoSchedule, PreferNoSchedule, NoExecute), each with <c>operator: Exists</c>
    /// and no key. Together they tolerate every taint, exactly like a bare <c>operator: Exists</c>, but say explicitly that
    /// the agent also stays on nodes tainted NoExecute (the validator warns about the bare form, rule
    /// <c>toleration-exists-tolerates-no-execute</c>).
    /// </summary>
    public static IReadOnlyList<V1Toleration> EveryTaint() =>
        Effects.Select(effect => new V1Toleration { OperatorProperty = "Exists", Effect = effect }).ToList();

    /// <summary>True when <paramref name="tolerations"/> tolerate every taint: a bare <c>operator: Exists</c>, or a keyless Exists for each effect.</summary>
    public static bool ToleratesEveryTaint(IEnumerable<V1Toleration>? tolerations)
    {
        var keyless = (tolerations ?? []).Where(t => string.IsNullOrEmpty(t.Key) && t.OperatorProperty == "Exists" && t.TolerationSeconds is null).ToList();
        return keyless.Any(t => string.IsNullOrEmpty(t.Effect)) || Effects.All(effect => keyless.Any(t => t.Effect == effect));
    }

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
