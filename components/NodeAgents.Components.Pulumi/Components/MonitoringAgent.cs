using NodeAgents.Presets;
using NodeAgents.Pulumi.Validation;
using Pulumi;

namespace NodeAgents.Pulumi.Components;

/// <summary>
/// The node-exporter monitoring agent (<c>nodeagents:index:MonitoringAgent</c>): <see cref="MonitoringAgentPreset"/> with the given options, registered
/// like <see cref="NodeAgent"/>.
/// </summary>
public class MonitoringAgent : NodeAgent
{
    private const string Type = "nodeagents:index:MonitoringAgent";

    /// <summary>Creates the agent.</summary>
    /// <param name="name">The component's Pulumi name; children are named <c>&lt;name&gt;-&lt;kind&gt;</c>.</param>
    /// <param name="args">The preset options and component settings.</param>
    /// <param name="options">Component options, e.g. the Kubernetes provider.</param>
    /// <exception cref="RunException">The resulting spec is invalid; nothing is registered and the run fails with every problem.</exception>
    public MonitoringAgent(string name, MonitoringAgentArgs args, ComponentResourceOptions? options = null)
        : base(Type, name, Prepare(Type, name, args.Apply(MonitoringAgentPreset.Build(AgentValidation.Checked(Type, name, args.Options))), args.OwnsNamespace, args.SecretData, options), options)
    {
    }
}

/// <summary>Arguments of <see cref="MonitoringAgent"/>.</summary>
public sealed class MonitoringAgentArgs : AgentComponentArgs
{
    /// <summary>The preset's options. Default: all preset defaults.</summary>
    public MonitoringAgentOptions Options { get; init; } = new();
}
