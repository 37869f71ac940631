namespace NodeAgents.Placement;

/// <summary>What happens to one agent on one node.</summary>
public enum PlacementOutcome
{
    /// <summary>The DaemonSet controller creates a pod there and it fits.</summary>
    Lands,

    /// <summary>No pod: <c>nodeName</c>, <c>nodeSelector</c> or required node affinity does not match the node.</summary>
    ExcludedBySelector,

    /// <summary>No pod: the node has a NoSchedule or NoExecute taint the pod does not tolerate.</summary>
    BlockedByTaint,

    /// <summary>The controller creates the pod, but it stays Pending: the node's allocatable cannot hold it next to the other agents.</summary>
    DoesNotFit,

    /// <summary>
    /// The controller creates the pod; it does not fit next to the pods already on the node, but its priority is higher than
    /// some of theirs, so the scheduler preempts (evicts) them to make room (<see cref="PlacementDecision.Victims"/>).
    /// </summary>
    Preempts,

    /// <summary>
    /// The controller creates the pod and it is scheduled (its requests count), but on this node it will not run, or runs
    /// degraded (<see cref="PlacementDecision.Degraded"/>): a kernel, architecture or container runtime requirement fails
    /// (<see cref="NodeRuntimeCheck"/>).
    /// </summary>
    WillNotRun,
}

/// <summary>The outcome for one agent on one node (or node group) and why, e.g. <c>taint sku=gpu:NoSchedule is not tolerated</c>.</summary>
/// <param name="Outcome">What happens.</param>
/// <param name="Reason">Why; empty when the agent lands.</param>
public sealed record PlacementDecision(PlacementOutcome Outcome, string Reason)
{
    /// <summary>The agent lands and fits.</summary>
    public static PlacementDecision Lands { get; } = new(PlacementOutcome.Lands, "");

    /// <summary>For <see cref="PlacementOutcome.Preempts"/>: the pods the default preemption would evict, lowest priority first; else empty.</summary>
    public IReadOnlyList<BoundPod> Victims { get; init; } = [];

    /// <summary>For a pod kept Pending by the scheduler's NodePorts filter: the agent placed before it that binds the port; else null.</summary>
    public string? HostPortHeldBy { get; init; }

    /// <summary>For a pod kept Pending by the scheduler's NodePorts filter: the port both bind; else null.</summary>
    public HostPort? HostPort { get; init; }

    /// <summary>True when the controller creates a pod on the node (it lands, stays Pending, or will not run).</summary>
    public bool PodCreated => Outcome is PlacementOutcome.Lands or PlacementOutcome.DoesNotFit or PlacementOutcome.WillNotRun or PlacementOutcome.Preempts;

    /// <summary>For <see cref="PlacementOutcome.WillNotRun"/>: true when the pod runs, but degraded (e.g. without container metadata).</summary>
    public bool Degraded { get; init; }

    /// <summary>True when the agent does its job there, fully or degraded: it lands, or it runs degraded.</summary>
    public bool Runs => Outcome is PlacementOutcome.Lands or PlacementOutcome.Preempts || (Outcome == PlacementOutcome.WillNotRun && Degraded);

    /// <summary>Runtime facts the node does not report, so a requirement could not be checked (e.g. <c>kernel unknown …</c>); empty when none.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];
}
