using NodeAgents.Input;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>
/// A stack's config as the binder sees it, whichever way it was read: from the YAML files by <see cref="StackFiles"/>
/// (offline) or from the config the Pulumi engine hands the program (<see cref="FromPulumiConfig"/>).
/// </summary>
/// <param name="ProjectName">The Pulumi project name, the namespace of the project's own keys (e.g. <c>node-agents</c>).</param>
/// <param name="StackName">The stack name, e.g. <c>dev</c>.</param>
/// <param name="Values">Full key (<c>namespace:key</c>) → value.</param>
/// <param name="Problems">
/// Problems found while reading that do not stop binding (unknown top-level keys, values that do not fit a declared
/// type); the binder reports them together with its own, so every problem is listed at once.
/// </param>
public sealed record StackInput(string ProjectName, string StackName, IReadOnlyDictionary<string, ConfigValue> Values, IReadOnlyList<InputProblem>? Problems = null)
{
    /// <summary>
    /// Builds the input from Pulumi's config: each value is the raw string Pulumi stores (plain text, or JSON for structured
    /// values), and <paramref name="secretKeys"/> names the keys that are secrets (their values are never read).
    /// </summary>
    /// <exception cref="InputException">A structured value is not valid JSON/YAML.</exception>
    public static StackInput FromPulumiConfig(string projectName, string stackName, IReadOnlyDictionary<string, string> rawValues, IReadOnlyCollection<string> secretKeys)
    {
        var problems = new List<InputProblem>();
        var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        var source = $"Pulumi.{stackName}.yaml";
        foreach (var (key, raw) in rawValues)
        {
            if (secretKeys.Contains(key))
            {
                var secure = new YamlMappingNode { { "secure", "[secret]" } };
                values[key] = new ConfigValue(secure, source, IsSecret: true);
                continue;
            }

            var trimmed = raw.TrimStart();
            YamlNode? node = trimmed.StartsWith('{') || trimmed.StartsWith('[')
                ? YamlInput.Parse(raw, source, problems)
                // A plain value arrives as the text the CLI already typed (MarshalString): a string, never typed again.
                : new YamlScalarNode(raw) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            if (node is not null)
            {
                values[key] = new ConfigValue(node, source, IsSecret: false);
            }
        }

        return problems.Count > 0 ? throw new InputException(problems) : new StackInput(projectName, stackName, values);
    }
}
