using System.Text.Json;
using NodeAgents.Input;

namespace NodeAgents.Stacks.Config;

/// <summary>
/// The whole stack config as a Pulumi .NET program receives it, read the way the Pulumi .NET SDK reads it, so the binder
/// sees every key (the SDK's <c>Config</c> can only look keys up, not list them).
/// <para>
/// The .NET language host passes the engine's config map and secret keys to the program as JSON in two environment
/// variables (pulumi-dotnet v3.112.1 <c>pulumi-language-dotnet/main.go</c>, <c>constructConfig</c> and
/// <c>constructConfigSecretKeys</c>): <c>PULUMI_CONFIG</c>, an object of full key → value text (plain values as text,
/// structured values as JSON), and <c>PULUMI_CONFIG_SECRET_KEYS</c>, an array of full keys. The SDK parses them in
/// <c>sdk/Pulumi/Deployment/Deployment_Config.cs</c> (<c>ParseConfig</c>, <c>ParseConfigSecretKeys</c>), removing a
/// legacy <c>:config:</c> infix from keys (<c>CleanKey</c>: <c>proj:config:key</c> → <c>proj:key</c>).
/// </para>
/// </summary>
public static class PulumiProgramConfig
{
    /// <summary>The environment variable of the config map.</summary>
    public const string ConfigVariable = "PULUMI_CONFIG";

    /// <summary>The environment variable of the secret keys.</summary>
    public const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

    /// <summary>Reads the config map and secret keys from <paramref name="environment"/> (variable name → value; absent = empty).</summary>
    /// <exception cref="InputException">A variable is not the JSON shape the language host writes.</exception>
    public static (IReadOnlyDictionary<string, string> Values, IReadOnlyCollection<string> SecretKeys) Read(Func<string, string?> environment)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secretKeys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (environment(ConfigVariable) is { } config)
            {
                using var document = JsonDocument.Parse(config);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    values[CleanKey(property.Name)] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            if (environment(SecretKeysVariable) is { } secrets)
            {
                using var document = JsonDocument.Parse(secrets);
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    secretKeys.Add(CleanKey(element.GetString() ?? ""));
                }
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new InputException([new InputProblem(ConfigVariable, "", $"the config the Pulumi engine handed over is not the expected JSON: {error.Message}")]);
        }

        return (values, secretKeys);
    }

    /// <summary>The SDK's CleanKey: <c>proj:config:key</c> → <c>proj:key</c>.</summary>
    private static string CleanKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && key.AsSpan(colon + 1).StartsWith("config:", StringComparison.Ordinal)
            ? string.Concat(key.AsSpan(0, colon), ":", key.AsSpan(colon + 1 + "config:".Length))
            : key;
    }
}
