using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pulumi;
using Pulumi.Random;

namespace NodeAgents.Pulumi.Secrets;

/// <summary>
/// The pod-template annotation <see cref="Annotation"/> that changes whenever a value of the agent's Secret changes, so
/// that rotating a key (e.g. a new <c>forwardSharedKey</c>) rolls the pods: containers read Secret values through
/// environment variables (<c>secretKeyRef</c>), which Kubernetes resolves only when a container starts, and a changed Secret
/// alone changes nothing in the DaemonSet's pod template, so its controller starts no new pods.
/// <para>
/// The value is an HMAC-SHA256 of the Secret's values, keyed with 32 random bytes (a <c>random:RandomBytes</c> child,
/// secret in the Pulumi state): neither the values nor a plain hash of a value a person chose appear anywhere, and the
/// annotation cannot be checked against a guessed key without the state's secret. It is a Pulumi secret output, so the
/// DaemonSet's state keeps it encrypted. The offline render cannot compute it (the values are supplied at deploy time) and
/// does not write it: it is the one deliberate difference between <c>render</c> and <c>pulumi up</c>.
/// </para>
/// </summary>
internal static class SecretVersion
{
    /// <summary>The pod-template annotation key.</summary>
    public const string Annotation = "nodeagents.io/secret-version";

    /// <summary>The annotation value for <paramref name="values"/> (Secret key → value), with a salt created under <paramref name="parent"/>.</summary>
    public static Output<string> Of(string componentName, InputMap<string> values, Resource parent)
    {
        var salt = new RandomBytes($"{componentName}-secret-version-salt", new RandomBytesArgs { Length = 32 }, new CustomResourceOptions { Parent = parent });
        return Output.CreateSecret(Output.Tuple<string, ImmutableDictionary<string, string>>(salt.Base64, values)
            .Apply(pair => Compute(Convert.FromBase64String(pair.Item1), pair.Item2)));
    }

    /// <summary>Hex of the first 16 bytes of HMAC-SHA256(<paramref name="salt"/>, the values as <c>key=value\n</c> lines ordered by key).</summary>
    public static string Compute(byte[] salt, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
