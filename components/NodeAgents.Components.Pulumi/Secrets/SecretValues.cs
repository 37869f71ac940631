using NodeAgents.Model;
using Pulumi;
using Pulumi.Random;

namespace NodeAgents.Pulumi.Secrets;

/// <summary>
/// Supplies the values of an agent's Secret at deploy time: a <see cref="RandomPassword"/> for a generated value, or the
/// <c>secure:</c> stack config value a <see cref="SecretSource.ConfigKey"/> names. Every value is a Pulumi secret, so it is
/// encrypted in the state and masked in previews and logs.
/// </summary>
internal static class SecretValues
{
    /// <summary>
    /// Secret key → value, each a Pulumi secret: the value <paramref name="supplied"/> gives for the key, else its source's
    /// (generated passwords become children of <paramref name="parent"/>).
    /// </summary>
    /// <exception cref="RunException">A config-sourced value is missing from the stack config (Pulumi's own message).</exception>
    public static IReadOnlyDictionary<string, Output<string>> For(string componentName, IReadOnlyList<SecretEnvVar> secrets, IReadOnlyDictionary<string, Output<string>> supplied, Resource parent)
    {
        var data = new SortedDictionary<string, Output<string>>(StringComparer.Ordinal);
        foreach (var secret in secrets.DistinctBy(secret => secret.Key))
        {
            data.Add(secret.Key, supplied.TryGetValue(secret.Key, out var value) ? Output.CreateSecret(value) : Value(componentName, secret, parent));
        }

        return data;
    }

    /// <summary>The values as the <c>stringData</c> input of a Secret.</summary>
    public static InputMap<string> ToInputMap(IReadOnlyDictionary<string, Output<string>> values)
    {
        var map = new InputMap<string>();
        foreach (var (key, value) in values)
        {
            map.Add(key, value);
        }

        return map;
    }

    private static Output<string> Value(string componentName, SecretEnvVar secret, Resource parent)
    {
        if (secret.Source.ConfigKey is { } fullKey)
        {
            var colon = fullKey.IndexOf(':', StringComparison.Ordinal);
            var config = new Config(colon < 0 ? null : fullKey[..colon]);
            return Output.CreateSecret(config.RequireSecret(colon < 0 ? fullKey : fullKey[(colon + 1)..]));
        }

        var password = new RandomPassword($"{componentName}-{secret.Key}", new RandomPasswordArgs
        {
            Length = secret.Source.GeneratedLength,
            Special = false,
        }, new CustomResourceOptions { Parent = parent });

        // The engine marks RandomPassword.result secret; marking it here as well keeps it secret wherever it flows.
        return Output.CreateSecret(password.Result);
    }
}
