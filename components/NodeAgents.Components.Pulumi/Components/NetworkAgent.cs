using NodeAgents.Presets;
using NodeAgents.Pulumi.Validation;
using Pulumi;

namespace NodeAgents.Pulumi.Components;

/// <summary>
/// The NodeLocal DNSCache network agent (<c>nodeagents:index:NetworkAgent</c>): <see cref="NetworkAgentPreset"/> with the given options, registered
/// like <see cref="NodeAgent"/>.
/// </summary>
public class NetworkAgent : NodeAgent
{
    private const string Type = "nodeagents:index:NetworkAgent";

    /// <summary>Creates the agent.</summary>
    /// <param name="name">The component's Pulumi name; children are named <c>&lt;name&gt;-&lt;kind&gt;</c>.</param>
    /// <param name="args">The preset options and component settings.</param>
    /// <param name="options">Component options, e.g. the Kubernetes provider.</param>
    /// <exception cref="RunException">The resulting spec is invalid; nothing is registered and the run fails with every problem.</exception>
    public NetworkAgent(string name, NetworkAgentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, Prepare(Type, name, args.Apply(NetworkAgentPreset.Build(AgentValidation.Checked(Type, name, args.Options))), args.OwnsNamespace, args.SecretData, options), options)
    {
    }
}

/// <summary>Arguments of <see cref="NetworkAgent"/>.</summary>
public sealed class NetworkAgentArgs : AgentComponentArgs
{
    /// <summary>The preset's options. Default: all preset defaults.</summary>
    public NetworkAgentOptions Options { get; init; } = new();
}
