using System.Collections.Immutable;
using NodeAgents.Model;
using Pulumi;

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

    /// <summary>
    /// Values of the agent's Secret keys (e.g. <c>shared-key</c>) supplied by the caller instead of generated or read from
    /// config as their <see cref="SecretSource"/> says: how several agents send one value, e.g. another agent's
    /// <see cref="NodeAgent.SecretData"/> when both forward to one aggregator. Keys not given here come from their source;
    /// each value given is marked a Pulumi secret. Default: none.
    /// </summary>
    /// <remarks>A key that is not one of the spec's <see cref="NodeAgentSpec.SecretEnv"/> keys fails the run (<see cref="RunException"/>) before anything is registered.</remarks>
    public IReadOnlyDictionary<string, Output<string>> SecretData { get; init; } = NoSecretData;

    /// <summary>The empty default of <see cref="SecretData"/>.</summary>
    internal static IReadOnlyDictionary<string, Output<string>> NoSecretData { get; } = ImmutableDictionary<string, Output<string>>.Empty;
}
