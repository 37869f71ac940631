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
    /// <summary>Secret key → value, for the agent's <c>stringData</c>; generated passwords become children of <paramref name="parent"/>.</summary>
    /// <exception cref="RunException">A config-sourced value is missing from the stack config (Pulumi's own message).</exception>
    public static InputMap<string> For(string componentName, IReadOnlyList<SecretEnvVar> secrets, Resource parent)
    {
        var data = new InputMap<string>();
        foreach (var secret in secrets.DistinctBy(secret => secret.Key))
        {
            data.Add(secret.Key, Value(componentName, secret, parent));
        }

        return data;
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
