using NodeAgents.Model;
using NodeAgents.Pulumi.Components;
using Pulumi;

namespace NodeAgents.Program;

/// <summary>
/// One generated value per <see cref="SecretSource.SharedFor"/> in the stack: the first agent in stack order that needs it
/// generates it (its own <c>random:RandomPassword</c>, named after that agent), and every later agent is handed that value
/// through <see cref="NodeAgentArgs.SecretData"/>. Stack order is role, then name, so adding an agent that sorts before
/// the generating one, or disabling that one, moves the generation and rotates the key (the aggregator then needs the new
/// one); adding one that sorts after does not. E.g. prod's <c>fluent-bit</c> and
/// <c>fluent-bit-windows</c> both forward to <c>fluentd-aggregator.logging.svc:24224</c> with <c>sharedKey: generate</c>,
/// and a Fluentd forward input checks one <c>shared_key</c>.
/// </summary>
internal sealed class SharedSecrets
{
    private readonly Dictionary<string, Output<string>> values = new(StringComparer.Ordinal);

    /// <summary>Secret key → the shared value an earlier agent generated, for the keys of <paramref name="spec"/> that share one.</summary>
    public IReadOnlyDictionary<string, Output<string>> For(NodeAgentSpec spec)
    {
        var supplied = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var secret in Shared(spec))
        {
            if (values.TryGetValue(secret.Source.SharedFor!, out var value))
            {
                supplied.TryAdd(secret.Key, value);
            }
        }

        return supplied;
    }

    /// <summary>Keeps the values <paramref name="agent"/> generated for the shared keys nobody generated before.</summary>
    public void Remember(NodeAgentSpec spec, NodeAgent agent)
    {
        foreach (var secret in Shared(spec))
        {
            values.TryAdd(secret.Source.SharedFor!, agent.SecretData[secret.Key]);
        }
    }

    private static IEnumerable<SecretEnvVar> Shared(NodeAgentSpec spec) =>
        spec.SecretEnv.Where(secret => secret.Source is { IsGenerated: true, SharedFor: not null });
}
