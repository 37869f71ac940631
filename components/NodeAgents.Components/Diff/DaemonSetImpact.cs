namespace NodeAgents.Diff;

/// <summary>What a change does to a DaemonSet's pods on the nodes.</summary>
public enum ImpactKind
{
    /// <summary>The pod template changed under RollingUpdate: every covered node's pod is replaced, in waves.</summary>
    RollingRestart,

    /// <summary>The pod template changed under OnDelete: no pod restarts until pods are deleted by hand.</summary>
    OnDelete,

    /// <summary>The selector changed (immutable) or the DaemonSet was renamed: the old one and its pods go before the new ones are ready.</summary>
    Replacement,

    /// <summary>A new DaemonSet: pods start on every node it covers.</summary>
    Created,

    /// <summary>The DaemonSet is gone from the render: its pods go once it is pruned (or deleted by Pulumi).</summary>
    Removed,

    /// <summary>Only a Secret the pods read changed: its values are supplied at deploy time; running pods keep the values they started with.</summary>
    SecretOnly,

    /// <summary>The DaemonSet changed outside its pod template and selector (e.g. updateStrategy, labels): no pod restarts.</summary>
    NoRestart,
}

/// <summary>The impact of a change on one DaemonSet.</summary>
/// <param name="DaemonSet">The DaemonSet now (the base one when removed).</param>
/// <param name="Kind">The kind of impact.</param>
/// <param name="Cause">What caused it, e.g. <c>containers[fluent-bit].image</c>, or <c>ConfigMap node-agents/fluent-bit (through nodeagents.io/config-sha256)</c>.</param>
/// <param name="Nodes">The nodes it covers (from the node inventory: the nodes where the DaemonSet controller creates its pod); null without an inventory.</param>
/// <param name="Waves">The rolling-update waves (see <see cref="RolloutWaves"/>); for percentages without an inventory the most there can be; null when nothing rolls.</param>
/// <param name="Batch">How the waves are sized, e.g. <c>maxUnavailable 10%</c> or <c>maxSurge 1</c>; null when nothing rolls.</param>
/// <param name="LeastSeconds">The least time the rollout takes, in seconds (waves × the least time a new pod takes to become available); 0 when nothing rolls.</param>
public sealed record DaemonSetImpact(ObjectKey DaemonSet, ImpactKind Kind, string Cause, int? Nodes, int? Waves, string? Batch, int LeastSeconds)
{
    /// <summary>True for a replacement or removal: nodes lose the agent for a while (a coverage gap) or for good.</summary>
    public bool CoverageGap => Kind is ImpactKind.Replacement or ImpactKind.Removed;

    /// <summary>The nodes as words: <c>12 nodes</c>, or <c>all covered nodes</c> without an inventory.</summary>
    public string NodesText => Nodes is { } count ? $"{count} node{(count == 1 ? "" : "s")}" : "all covered nodes";

    /// <summary>One sentence for tables and comments.</summary>
    public string Summary => Kind switch
    {
        ImpactKind.RollingRestart => $"rolling restart of {NodesText} in {(Nodes is null && Batch?.EndsWith('%') == true ? "at most " : "")}{Waves} wave{(Waves == 1 ? "" : "s")} ({Batch}), {(LeastSeconds > 0 ? $"at least {Duration(LeastSeconds)}" : "no lower bound on its duration from probes or minReadySeconds")}",
        ImpactKind.OnDelete => "no pod restarts until pods are deleted by hand (updateStrategy OnDelete)",
        ImpactKind.Replacement => $"replacement: the old DaemonSet and its pods go before the new ones are ready: coverage gap on {NodesText}",
        ImpactKind.Created => $"created: pods start on {NodesText}",
        ImpactKind.Removed => $"removed: its pods on {NodesText} go once it is pruned (kubectl apply --prune, a GitOps prune) or deleted by pulumi up",
        ImpactKind.SecretOnly => "Secret-only change (values supplied at deploy time): running pods keep the values they started with; no restart",
        _ => "no pod restarts (the pod template is unchanged)",
    };

    /// <summary>Seconds as <c>45 s</c>, <c>3 min 20 s</c>.</summary>
    public static string Duration(int seconds) => seconds < 60 ? $"{seconds} s" : seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s";
}
