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

    /// <summary>True when the stack says <c>allowEmpty: true</c>: it may deploy no agent (render, diff and pulumi up refuse an empty stack otherwise).</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>
    /// Why the stack may not be deployed as it is, or null: it deploys no agent (every agent disabled) and does not say
    /// <c>allowEmpty: true</c>. An empty render synced with pruning, or an update with no agents, deletes every agent.
    /// </summary>
    /// <param name="consequence">What deploying it would do, for the message (e.g. <c>a sync with pruning would delete every agent</c>).</param>
    public string? EmptyProblem(string consequence) => Agents.Count > 0 || AllowEmpty
        ? null
        : $"stack {StackName} deploys no agent (every agent is disabled): {consequence}. Set {ProjectName}:{StackBinder.AllowEmptyKey}: true in Pulumi.{StackName}.yaml if that is meant";
}
