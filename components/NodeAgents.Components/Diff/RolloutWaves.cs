using k8s.Models;
using NodeAgents.Validation;

namespace NodeAgents.Diff;

/// <summary>
/// How the DaemonSet controller rolls a pod-template change over the nodes, from k8s.io/kubernetes
/// <c>pkg/controller/daemon/update.go</c> (<c>updatedDesiredNodeCounts</c>, <c>rollingUpdate</c>) and <c>pkg/controller/daemon/util/daemonset_util.go</c> (<c>UnavailableCount</c>, <c>SurgeCount</c>): maxUnavailable and maxSurge
/// are scaled against the desired number of nodes rounding up (<c>intstr.GetScaledValueFromIntOrPercent(…, true)</c>); when both
/// come out 0 the controller uses maxUnavailable 1. Unset values are the API defaults maxUnavailable 1, maxSurge 0
/// (<c>pkg/apis/apps/v1/defaults.go</c>, <c>SetDefaults_DaemonSet</c>). A wave replaces at most that many pods; a new pod
/// counts once it is available: Ready for <c>minReadySeconds</c> (<c>podutil.IsPodAvailable</c>).
/// </summary>
public static class RolloutWaves
{
    /// <summary>
    /// The waves and their sizing for <paramref name="daemonSet"/> over <paramref name="nodes"/> nodes; without an inventory
    /// (<paramref name="nodes"/> null) an integer batch gives null waves and a percentage P gives ceil(100 / P), the most
    /// there can be.
    /// </summary>
    public static (int? Waves, string Batch) Of(V1DaemonSet daemonSet, int? nodes)
    {
        var rolling = daemonSet.Spec?.UpdateStrategy?.RollingUpdate;
        var unavailable = rolling?.MaxUnavailable ?? (IntOrString)1;
        var surge = rolling?.MaxSurge ?? (IntOrString)0;
        var bySurge = (IntOrPercent.Value(surge) ?? 0) > 0;
        var value = bySurge ? surge : unavailable;
        var batchText = (bySurge ? "maxSurge " : "maxUnavailable ") + value.Value;
        var number = IntOrPercent.Value(value) ?? 1;
        if (nodes is not { } count)
        {
            return IntOrPercent.IsPercent(value) && number > 0 ? ((int)Math.Ceiling(100.0 / Math.Min(number, 100)), batchText) : (null, batchText);
        }

        if (count == 0)
        {
            return (0, batchText);
        }

        var batch = IntOrPercent.IsPercent(value) ? (long)Math.Ceiling(count * Math.Min(number, 100) / 100.0) : number;
        batch = Math.Max(1, Math.Min(batch, count));
        return ((int)((count + batch - 1) / batch), batchText);
    }

    /// <summary>
    /// The least seconds a new pod takes to become available: the startup probe's first possible success
    /// (<c>initialDelaySeconds + (successThreshold − 1) × periodSeconds</c>; readiness probes start only after it,
    /// pkg/kubelet/prober/worker.go), then the readiness probe's, then <c>minReadySeconds</c>; the slowest container counts.
    /// Unset probe fields take the API defaults (periodSeconds 10, successThreshold 1).
    /// </summary>
    public static int LeastSecondsPerWave(V1DaemonSet daemonSet)
    {
        var containers = daemonSet.Spec?.Template?.Spec?.Containers ?? [];
        var ready = containers.Count == 0 ? 0 : containers.Max(container => FirstSuccess(container.StartupProbe) + FirstSuccess(container.ReadinessProbe));
        return ready + (daemonSet.Spec?.MinReadySeconds ?? 0);
    }

    private static int FirstSuccess(V1Probe? probe) =>
        probe is null ? 0 : (probe.InitialDelaySeconds ?? 0) + (Math.Max(1, probe.SuccessThreshold ?? 1) - 1) * (probe.PeriodSeconds ?? 10);
}
