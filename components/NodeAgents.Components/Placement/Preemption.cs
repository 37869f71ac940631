namespace NodeAgents.Placement;

/// <summary>
/// Which pods the scheduler's default preemption evicts on a node to make room for a pod that does not fit, as
/// kubernetes/kubernetes <c>pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go</c>
/// (<c>SelectVictimsOnNode</c>) picks them: every pod of lower priority than the incoming one is a potential victim; if the
/// pod does not fit even with all of them gone, the node is no candidate; otherwise they are reprieved one by one, the more
/// important first (higher priority, then the earlier start: <c>util.MoreImportantPod</c>), each kept when the pod still
/// fits with it. A pod holding a host port the incoming pod needs fails the NodePorts filter whenever it stays, so it is never
/// reprieved, and a port holder of equal or higher priority leaves no room at all. PodDisruptionBudgets, which the scheduler
/// tries to respect first, are not read here.
/// </summary>
public static class Preemption
{
    /// <summary>
    /// The victims on a node, lowest priority first, or null when no set of lower-priority pods makes room.
    /// </summary>
    /// <param name="priority">The incoming pod's priority.</param>
    /// <param name="needs">Its requests.</param>
    /// <param name="allocatable">The node's allocatable.</param>
    /// <param name="used">What is already requested on the node, the <paramref name="pods"/> included.</param>
    /// <param name="pods">The pods on the node that may be evicted.</param>
    /// <param name="holdsPort">True for a pod that holds a host port the incoming pod needs; null when none does.</param>
    public static IReadOnlyList<BoundPod>? Victims(int priority, ResourceAmounts needs, ResourceAmounts allocatable, ResourceAmounts used, IEnumerable<BoundPod> pods, Func<BoundPod, bool>? holdsPort = null)
    {
        var all = pods as IReadOnlyCollection<BoundPod> ?? [.. pods];
        if (holdsPort is not null && all.Any(pod => pod.Priority >= priority && holdsPort(pod)))
        {
            return null;
        }

        var potential = all.Where(pod => pod.Priority < priority).ToList();
        if (potential.Count == 0)
        {
            return null;
        }

        var withoutAll = potential.Aggregate(used, (sum, pod) => sum - pod.Requests) + needs;
        if (!withoutAll.FitsIn(allocatable))
        {
            return null;
        }

        var victims = new List<BoundPod>();
        var current = withoutAll;
        foreach (var pod in potential.OrderByDescending(pod => pod.Priority).ThenBy(pod => pod.StartTime ?? DateTime.MaxValue))
        {
            if (holdsPort?.Invoke(pod) != true && (current + pod.Requests).FitsIn(allocatable))
            {
                current += pod.Requests; // reprieved
            }
            else
            {
                victims.Add(pod);
            }
        }

        return victims.OrderBy(pod => pod.Priority).ThenByDescending(pod => pod.StartTime ?? DateTime.MaxValue).ToList();
    }
}
