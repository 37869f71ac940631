using NodeAgents.Model;
using Pulumi;

namespace NodeAgents.Pulumi.Components;

/// <summary>What the four typed agents take besides their preset options.</summary>
public abstract class AgentComponentArgs
{
    /// <summary>True to create the agent's Namespace as a child (see <see cref="NodeAgentArgs.OwnsNamespace"/>). Default false.</summary>
    public bool OwnsNamespace { get; init; }

    /// <summary>Values of the agent's Secret keys supplied instead of generated or read from config (see <see cref="NodeAgentArgs.SecretData"/>). Default: none.</summary>
    public IReadOnlyDictionary<string, Output<string>> SecretData { get; init; } = NodeAgentArgs.NoSecretData;

    /// <summary>The <c>app.kubernetes.io/part-of</c> label of every object. Default <c>node-agents</c>.</summary>
    public string PartOf { get; init; } = "node-agents";

    /// <summary>Applies the settings to a preset's spec.</summary>
    internal NodeAgentSpec Apply(NodeAgentSpec spec) => spec with { PartOf = PartOf };
}
