using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Two agents that bind the same node port and protocol cannot both run on a node: the scheduler's NodePorts filter
/// (k8s.io/kubernetes pkg/scheduler/framework/plugins/nodeports) keeps the second pod Pending there. Only a node inventory
/// can tell whether both land on a node (their node sets may be disjoint), so this is a warning; <c>plan</c> reports the
/// clash as an error on exactly the nodes where both land.
/// </summary>
internal static class HostPortConflictRules
{
    public static readonly ValidationRule Conflict = new("host-port-conflict", Severity.Warning,
        "k8s.io/kubernetes pkg/scheduler/framework/plugins/nodeports (Fits: a node port and protocol is used once per node)",
        "no two agents bind the same host port and protocol (a clash where both land on a node; plan decides per node)");

    public static IReadOnlyList<ValidationRule> All { get; } = [Conflict];

    public static void Check(IReadOnlyList<V1DaemonSet> daemonSets, Func<V1DaemonSet, FindingSink> sinkOf)
    {
        var owners = new Dictionary<(int, string), (V1DaemonSet DaemonSet, string Path)>();
        foreach (var daemonSet in daemonSets)
        {
            if (daemonSet.Spec?.Template?.Spec is not { } pod)
            {
                continue;
            }

            foreach (var (port, protocol, path) in HostPorts.Of(pod, "spec.template.spec").DistinctBy(bound => (bound.Port, bound.Protocol)))
            {
                if (owners.TryGetValue((port, protocol), out var owner) && !ReferenceEquals(owner.DaemonSet, daemonSet))
                {
                    var first = ObjectRef.Of(owner.DaemonSet);
                    var second = ObjectRef.Of(daemonSet);
                    sinkOf(daemonSet).Add(Conflict, path, $"{port}/{protocol}",
                        $"host port {port}/{protocol} is bound by both {first} ({owner.Path}) and {second}{(pod.HostNetwork == true ? " (hostNetwork)" : "")}: " +
                        "on a node where both land the second stays Pending (plan --nodes shows which nodes); change one agent's port or keep their node sets apart");
                }
                else
                {
                    owners.TryAdd((port, protocol), (daemonSet, path));
                }
            }
        }
    }
}
