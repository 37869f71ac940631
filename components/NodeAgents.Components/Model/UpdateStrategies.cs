using k8s.Models;

namespace NodeAgents.Model;

/// <summary>
/// DaemonSet update strategies that the API server accepts: RollingUpdate with exactly one of
/// maxUnavailable and maxSurge non-zero (apps validation, <c>ValidateRollingUpdateDaemonSet</c>), or OnDelete.
/// </summary>
public static class UpdateStrategies
{
    /// <summary>RollingUpdate that stops up to <paramref name="maxUnavailable"/> old pods at a time (an integer or a percentage such as <c>10%</c>); maxSurge 0.</summary>
    public static V1DaemonSetUpdateStrategy RollingUpdate(IntOrString maxUnavailable) => new()
    {
        Type = "RollingUpdate",
        RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = 0 },
    };

    /// <summary>
    /// RollingUpdate that starts up to <paramref name="maxSurge"/> new pods beside the old ones before stopping them;
    /// maxUnavailable 0. Never for agents that bind host ports: the surge pod cannot start beside the old one.
    /// </summary>
    public static V1DaemonSetUpdateStrategy RollingUpdateWithSurge(IntOrString maxSurge) => new()
    {
        Type = "RollingUpdate",
        RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = 0, MaxSurge = maxSurge },
    };

    /// <summary>OnDelete: new pods are created only when old ones are deleted by hand.</summary>
    public static V1DaemonSetUpdateStrategy OnDelete() => new() { Type = "OnDelete" };
}
