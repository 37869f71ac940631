using NodeAgents.Model;

namespace NodeAgents.Pulumi.Components;

/// <summary>Arguments of <see cref="NodeAgent"/>: a complete spec, e.g. from a preset or a stack binder.</summary>
public sealed class NodeAgentArgs
{
    /// <summary>The agent.</summary>
    public required NodeAgentSpec Spec { get; init; }

    /// <summary>
    /// True to create the agent's Namespace as a child (with the Pod Security level that admits the agent). Default false:
    /// the namespace exists or is created elsewhere, e.g. once for several agents. A system namespace (kube-system and the
    /// other <see cref="Building.ManifestSet.SystemNamespaces"/>) is never created, whatever this says.
    /// </summary>
    public bool OwnsNamespace { get; init; }
}
