using k8s.Models;

namespace NodeAgents.Building;

/// <summary>
/// How <c>pulumi up</c> waits for a DaemonSet, decided on the object itself so that <c>render</c> and the Pulumi
/// resources carry the same annotation.
/// <para>
/// The Kubernetes provider waits for every DaemonSet rollout to complete (10 minutes by default; pulumi-kubernetes
/// v4.32.0 <c>provider/pkg/await/daemonset.go</c>) unless the DaemonSet's own <c>metadata.annotations</c> hold
/// <c>pulumi.com/skipAwait: "true"</c> (<c>provider/pkg/metadata/overrides.go</c>, <c>SkipAwaitLogic</c>; the pod
/// template's annotations are not read). An <c>OnDelete</c> rollout only completes when every old pod is deleted by hand,
/// so such a DaemonSet always carries the annotation.
/// </para>
/// </summary>
public static class RolloutAwait
{
    /// <summary>The provider's skip-await annotation key.</summary>
    public const string SkipAwaitAnnotation = "pulumi.com/skipAwait";

    /// <summary>True when the provider could never see the rollout of <paramref name="strategy"/> complete by itself.</summary>
    public static bool NeedsSkipAwait(V1DaemonSetUpdateStrategy? strategy) => strategy?.Type == "OnDelete";
}
