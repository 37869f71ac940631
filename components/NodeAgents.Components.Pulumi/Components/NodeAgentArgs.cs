using NodeAgents.Model;

namespace NodeAgents.Pulumi.Components;

/// <summary>Arguments of <see cref="NodeAgent"/>: a complete spec, e.g. from a preset or a stack binder.</summary>
public sealed class NodeAgentArgs
{
    /// <summary>The agent.</summary>
    public required NodeAgentSpec Spec { get; init; }

    /// <summary>
    /// True to create the agent's Namespace as a child (with the Pod Security level that admits the agent). Default false:
    /// the namespace exists or is created elsewhere, e.g. once for several agents.
    /// </summary>
    public bool OwnsNamespace { get; init; }
}
