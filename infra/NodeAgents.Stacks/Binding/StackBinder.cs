using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Stacks.Config;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Binding;

/// <summary>
/// Binds a stack's config into agent specs. The same binder serves the offline commands and the Pulumi program.
/// Keys of the project's namespace (documented in README "Config reference"):
/// <c>namespace</c> (string), <c>partOf</c> (string), <c>logging</c>, <c>monitoring</c>, <c>network</c>, <c>security</c>
/// (mappings: <c>enabled</c> plus the preset's options), <c>forwardSharedKey</c> (a <c>secure:</c> value),
/// <c>coverage</c> (the placement coverage policy, see <see cref="CoverageBinder"/>).
/// An agent is deployed when its key is present and <c>enabled</c> is not false. Keys of other namespaces
/// (e.g. <c>kubernetes:context</c>) belong to providers and are ignored here.
/// </summary>
public static class StackBinder
{
    /// <summary>The project keys that take a mapping of agent options, in deploy order.</summary>
    public static IReadOnlyList<string> AgentKeys { get; } = ["logging", "monitoring", "network", "security"];

    /// <summary>Every key of the project's namespace the binder knows.</summary>
    public static IReadOnlyList<string> ProjectKeys { get; } = ["namespace", "partOf", .. AgentKeys, "forwardSharedKey", CoverageBinder.Key];

    /// <summary>Binds <paramref name="input"/>.</summary>
    /// <exception cref="ConfigException">Any key is unknown, mistyped or invalid; lists every problem at once.</exception>
    public static BoundStack Bind(StackInput input)
    {
        var problems = new List<ConfigProblem>();
        var prefix = input.ProjectName + ":";
        foreach (var (key, value) in input.Values.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var shortKey = key[prefix.Length..];
            if (!ProjectKeys.Contains(shortKey))
            {
                var suggestion = StrictBinder.Closest(shortKey, ProjectKeys);
                problems.Add(new ConfigProblem(value.File, key, "unknown config key" + (suggestion is null ? "" : $"; did you mean '{prefix}{suggestion}'?"), value.Node.Start.Line, value.Node.Start.Column));
            }
            else if (value.IsSecret != (shortKey == "forwardSharedKey"))
            {
                problems.Add(new ConfigProblem(value.File, key, value.IsSecret ? "this key does not take a secure value" : "this key takes only a secure value (pulumi config set --secret)", value.Node.Start.Line, value.Node.Start.Column));
            }
        }

        string? Text(string shortKey)
        {
            if (!input.Values.TryGetValue(prefix + shortKey, out var value) || value.IsSecret)
            {
                return null;
            }

            if (value.Node is YamlScalarNode scalar)
            {
                return scalar.Value;
            }

            problems.Add(new ConfigProblem(value.File, prefix + shortKey, $"expected a string, got {YamlInput.Describe(value.Node)}", value.Node.Start.Line, value.Node.Start.Column));
            return null;
        }

        var defaultNamespace = Text("namespace");
        var partOf = Text("partOf") ?? "node-agents";
        var hasSharedKey = input.Values.TryGetValue(LoggingAgentPreset.SharedKeyConfigKey.Replace("node-agents:", prefix, StringComparison.Ordinal), out var shared) && shared.IsSecret;

        var agents = new List<NodeAgentSpec>();
        foreach (var agentKey in AgentKeys)
        {
            if (!input.Values.TryGetValue(prefix + agentKey, out var value) || value.IsSecret)
            {
                continue;
            }

            var binder = new StrictBinder(value.File, problems);
            var spec = BindAgent(agentKey, value.Node, prefix + agentKey, binder, hasSharedKey);
            if (spec is not null)
            {
                agents.Add(spec with
                {
                    Namespace = NamespaceOverridden(value.Node) ? spec.Namespace : defaultNamespace ?? spec.Namespace,
                    PartOf = partOf,
                });
            }
        }

        var coverage = CoverageBinder.Bind(input, prefix, problems);
        return problems.Count > 0
            ? throw new ConfigException(problems)
            : new BoundStack(input.ProjectName, input.StackName, partOf, agents) { Coverage = coverage };
    }

    private static NodeAgentSpec? BindAgent(string agentKey, YamlNode node, string path, StrictBinder binder, bool hasSharedKey)
    {
        if (node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("enabled"), out var enabled))
        {
            if (enabled is not YamlScalarNode { Value: "true" or "false" } flag)
            {
                binder.Report(enabled, path + ".enabled", $"expected true or false, got {YamlInput.Describe(enabled)}");
                return null;
            }

            if (flag.Value == "false")
            {
                return null;
            }
        }

        string[] ignored = ["enabled"];
        switch (agentKey)
        {
            case "logging":
                var logging = binder.Bind<LoggingAgentOptions>(node, path, ignored);
                if (logging is null)
                {
                    return null;
                }

                OneOf(binder, node, path + ".output.type", logging.Output.Type, LogOutput.Types);
                OneOf(binder, node, path + ".output.sharedKey", logging.Output.SharedKey, LogOutput.SharedKeyModes);
                if (logging.Output.SharedKey == "config" && !hasSharedKey)
                {
                    binder.Report(node, path + ".output.sharedKey", $"'config' needs the secure value {LoggingAgentPreset.SharedKeyConfigKey} (pulumi config set --secret forwardSharedKey …)");
                }

                return LoggingAgentPreset.Build(logging);
            case "monitoring":
                var monitoring = binder.Bind<MonitoringAgentOptions>(node, path, ignored);
                return monitoring is null ? null : MonitoringAgentPreset.Build(monitoring);
            case "network":
                var network = binder.Bind<NetworkAgentOptions>(node, path, ignored);
                return network is null ? null : NetworkAgentPreset.Build(network);
            default:
                var security = binder.Bind<SecurityAgentOptions>(node, path, ignored);
                if (security is null)
                {
                    return null;
                }

                OneOf(binder, node, path + ".mode", security.Mode, SecurityAgentOptions.Modes);
                return SecurityAgentPreset.Build(security);
        }
    }

    private static void OneOf(StrictBinder binder, YamlNode node, string path, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value))
        {
            binder.Report(node, path, $"'{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    private static bool NamespaceOverridden(YamlNode node) =>
        node is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode("namespace"));
}
