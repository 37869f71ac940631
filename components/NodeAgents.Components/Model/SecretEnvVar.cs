namespace NodeAgents.Model;

/// <summary>
/// An environment variable whose value comes from the agent's own Kubernetes Secret
/// (<c>&lt;agent name&gt;-secrets</c>) through <c>valueFrom.secretKeyRef</c>.
/// The value itself never enters the spec: it is supplied at deploy time (a Pulumi secret, e.g. a
/// generated random password, or a <c>secure:</c> stack config value), so offline renders emit the
/// Secret without data.
/// </summary>
/// <param name="Name">The environment variable name, e.g. <c>FORWARD_SHARED_KEY</c>.</param>
/// <param name="Key">The key inside the Secret, e.g. <c>shared-key</c>.</param>
/// <param name="Source">Where the value comes from at deploy time.</param>
public sealed record SecretEnvVar(string Name, string Key, SecretSource Source);

/// <summary>Where a secret value comes from at deploy time.</summary>
/// <param name="ConfigKey">
/// The stack config key holding the value as a <c>secure:</c> entry: a key of the deploying project's own namespace
/// (e.g. <c>forwardSharedKey</c>, read as <c>&lt;project&gt;:forwardSharedKey</c>), or a full <c>namespace:key</c>;
/// null when the value is generated.
/// </param>
/// <param name="GeneratedLength">The length of a generated random password (characters); used when <paramref name="ConfigKey"/> is null.</param>
/// <param name="SharedFor">
/// For a generated value: what it authenticates to, e.g. <c>forward fluentd-aggregator.logging.svc:24224</c> for a Fluent
/// Bit forward shared key. The agents of one stack whose generated values name the same <c>SharedFor</c> send one value,
/// the first agent's in stack order (the receiving end checks a single key); null, the default, gives the agent a value of
/// its own. Ignored for a <paramref name="ConfigKey"/> value, which is one value already.
/// </param>
public sealed record SecretSource(string? ConfigKey = null, int GeneratedLength = 32, string? SharedFor = null)
{
    /// <summary>A value generated at deploy time (a random password of <see cref="GeneratedLength"/> characters).</summary>
    public bool IsGenerated => ConfigKey is null;
}
