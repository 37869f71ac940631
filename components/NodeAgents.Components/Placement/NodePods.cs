namespace NodeAgents.Placement;

/// <summary>A pod already bound to a node: its identity, priority (<c>spec.priority</c>, absent = 0) and requests.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Priority">Its priority; the default preemption only evicts pods of lower priority than the incoming pod.</param>
/// <param name="Requests">What it requests (CPU in millicores, memory in bytes, one pod slot).</param>
/// <param name="StartTime">When it started (<c>status.startTime</c>), which orders pods of equal priority; null when unknown.</param>
public readonly record struct BoundPod(string Namespace, string Name, int Priority, ResourceAmounts Requests, DateTime? StartTime)
{
    /// <summary>The host ports its containers and init containers declare: port, protocol (<c>TCP</c> when absent) and host IP (empty when absent).</summary>
    public IReadOnlyList<(int Port, string Protocol, string HostIP)> HostPorts { get; init; } = [];
}

/// <summary>The pods bound to one node (see <see cref="PodInventory"/>) and the sum of their requests.</summary>
/// <param name="NodeName">The node's name.</param>
public sealed class NodePods(string NodeName)
{
    private readonly List<BoundPod> pods = [];

    /// <summary>The node's name.</summary>
    public string NodeName { get; } = NodeName;

    /// <summary>The pods, in the order read.</summary>
    public IReadOnlyList<BoundPod> Pods => pods;

    /// <summary>The sum of their requests (CPU in millicores, memory in bytes, pods).</summary>
    public ResourceAmounts Requests { get; private set; }

    /// <summary>Adds a pod.</summary>
    public void Add(BoundPod pod)
    {
        pods.Add(pod);
        Requests += pod.Requests;
    }
}
