using NodeAgents.Presets;
using NodeAgents.Pulumi.Validation;
using Pulumi;

namespace NodeAgents.Pulumi.Components;

/// <summary>
/// The Falco security agent (<c>nodeagents:index:SecurityAgent</c>): <see cref="SecurityAgentPreset"/> with the given options, registered
/// like <see cref="NodeAgent"/>.
/// </summary>
public class SecurityAgent : NodeAgent
{
    private const string Type = "nodeagents:index:SecurityAgent";

    /// <summary>Creates the agent.</summary>
    /// <param name="name">The component's Pulumi name; children are named <c>&lt;name&gt;-&lt;kind&gt;</c>.</param>
    /// <param name="args">The preset options and component settings.</param>
    /// <param name="options">Component options, e.g. the Kubernetes provider.</param>
    /// <exception cref="RunException">The resulting spec is invalid; nothing is registered and the run fails with every problem.</exception>
    public SecurityAgent(string name, SecurityAgentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, Prepare(Type, name, args.Apply(SecurityAgentPreset.Build(AgentValidation.Checked(Type, name, args.Options))), args.OwnsNamespace, args.SecretData, options), options)
    {
    }
}

/// <summary>Arguments of <see cref="SecurityAgent"/>.</summary>
public sealed class SecurityAgentArgs : AgentComponentArgs
{
    /// <summary>The preset's options. Default: all preset defaults.</summary>
    public SecurityAgentOptions Options { get; init; } = new();
}
