using NodeAgents.Model;

namespace NodeAgents.Stacks.Binding;

/// <summary>A stack's config bound into agent specs, ready to build.</summary>
/// <param name="ProjectName">The Pulumi project name.</param>
/// <param name="StackName">The stack name.</param>
/// <param name="PartOf">The <c>app.kubernetes.io/part-of</c> value of every object.</param>
/// <param name="Agents">The deployed agents, built-in roles first (logging, monitoring, network, security), then other roles, each by name.</param>
public sealed record BoundStack(string ProjectName, string StackName, string PartOf, IReadOnlyList<NodeAgentSpec> Agents)
{
    /// <summary>The placement coverage policy (<c>coverage</c> key); <see cref="Placement.CoveragePolicy.Default"/> when absent.</summary>
    public Placement.CoveragePolicy Coverage { get; init; } = Placement.CoveragePolicy.Default;

    /// <summary>True when the stack says <c>allowEmpty: true</c>: it may deploy no agent (render and diff refuse an empty stack otherwise).</summary>
    public bool AllowEmpty { get; init; }
}
