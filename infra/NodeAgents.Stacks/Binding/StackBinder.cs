using NodeAgents.Input;
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
/// An agent is deployed when its key is present and <c>enabled</c> is not false. The stack-wide <c>namespace</c> applies to
/// every agent that sets no <c>namespace</c> of its own, except one whose preset pins its namespace
/// (<see cref="NodeAgentSpec.NamespacePinned"/>: the network agent stays in kube-system). Keys of other namespaces
/// (e.g. <c>kubernetes:context</c>) belong to providers and are ignored here.
/// </summary>
public static class StackBinder
{
    /// <summary>The project keys that take a mapping of agent options, in deploy order.</summary>
    public static IReadOnlyList<string> AgentKeys { get; } = ["logging", "monitoring", "network", "security"];

    /// <summary>Every key of the project's namespace the binder knows.</summary>
    public static IReadOnlyList<string> ProjectKeys { get; } = ["namespace", "partOf", .. AgentKeys, "forwardSharedKey", CoverageBinder.Key, AllowEmptyKey];

    /// <summary>The key that lets a stack deploy no agent (<c>true</c>/<c>false</c>, default false): render and diff refuse an empty stack without it.</summary>
    public const string AllowEmptyKey = "allowEmpty";

    /// <summary>Binds <paramref name="input"/>.</summary>
    /// <exception cref="InputException">Any key is unknown, mistyped or invalid; lists every problem at once.</exception>
    public static BoundStack Bind(StackInput input)
    {
        var problems = new List<InputProblem>(input.Problems ?? []);
        var prefix = input.ProjectName + ":";
        foreach (var (key, value) in input.Values)
        {
            var (line, column) = value.KeyPosition;
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                // Another namespace belongs to a provider (kubernetes:, aws:, …), unless it is a misspelling of ours.
                var configNamespace = key[..Math.Max(0, key.IndexOf(':', StringComparison.Ordinal))];
                if (StrictBinder.Closest(configNamespace, [input.ProjectName]) is not null || Squeeze(configNamespace) == Squeeze(input.ProjectName))
                {
                    problems.Add(new InputProblem(value.File, key, $"unknown config namespace '{configNamespace}'; this project's keys start with '{prefix}'", line, column));
                }

                continue;
            }

            var shortKey = key[prefix.Length..];
            if (!ProjectKeys.Contains(shortKey))
            {
                var suggestion = StrictBinder.Closest(shortKey, ProjectKeys);
                problems.Add(new InputProblem(value.File, key, "unknown config key" + (suggestion is null ? "" : $"; did you mean '{prefix}{suggestion}'?"), line, column));
            }
            else if (value.IsSecret != (shortKey == "forwardSharedKey"))
            {
                problems.Add(new InputProblem(value.File, key, value.IsSecret ? "this key does not take a secure value" : "this key takes only a secure value (pulumi config set --secret)", line, column));
            }
        }

        if (!AgentKeys.Any(agentKey => input.Values.ContainsKey(prefix + agentKey)))
        {
            var others = input.Values.Keys.Where(key => !key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(key => key[..Math.Max(0, key.IndexOf(':', StringComparison.Ordinal))]).Distinct().Order(StringComparer.Ordinal).ToList();
            problems.Add(new InputProblem(
                StackFiles.StackFile(input.StackName),
                "config",
                $"the stack configures no agent: add at least one of {string.Join(", ", AgentKeys.Select(agentKey => prefix + agentKey))}"
                + (others.Count == 0 ? "" : $" (keys found for: {string.Join(", ", others)}; the project is named '{input.ProjectName}' in Pulumi.yaml)")));
        }

        string? Text(string shortKey)
        {
            if (!input.Values.TryGetValue(prefix + shortKey, out var value) || value.IsSecret)
            {
                return null;
            }

            if (value.Node is YamlScalarNode scalar)
            {
                return new StrictBinder(value.File, problems).Text(scalar, prefix + shortKey);
            }

            problems.Add(new InputProblem(value.File, prefix + shortKey, $"expected a string, got {YamlInput.Describe(value.Node)}", value.Node.Start.Line, value.Node.Start.Column));
            return null;
        }

        var defaultNamespace = Text("namespace");
        var partOf = Text("partOf") ?? "node-agents";
        var hasSharedKey = input.Values.TryGetValue(prefix + LoggingAgentPreset.SharedKeyConfigKey, out var shared) && shared.IsSecret;

        var agents = new List<NodeAgentSpec>();
        var keyOfName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agentKey in AgentKeys)
        {
            if (!input.Values.TryGetValue(prefix + agentKey, out var value) || value.IsSecret)
            {
                continue;
            }

            var binder = new StrictBinder(value.File, problems);
            var spec = BindAgent(agentKey, value.Node, prefix + agentKey, binder, hasSharedKey);
            if (spec is not null && keyOfName.TryGetValue(spec.Name, out var other))
            {
                // Names key the DaemonSet, the Pulumi resources and the plan; two agents may not share one, in any namespace.
                binder.Report(value.Node, prefix + agentKey + ".name", $"the agent name '{spec.Name}' is already used by {prefix}{other}; give each agent its own name");
            }
            else if (spec is not null)
            {
                keyOfName[spec.Name] = agentKey;
                agents.Add(spec with
                {
                    Namespace = NamespaceOverridden(value.Node) || spec.NamespacePinned ? spec.Namespace : defaultNamespace ?? spec.Namespace,
                    PartOf = partOf,
                });
            }
        }

        var coverage = CoverageBinder.Bind(input, prefix, problems);
        // A top-level value reaches the program as text (the CLI's MarshalString: true, True and "true" all arrive as
        // "true"), so the text after the CLI's typing is what counts here.
        string? allowEmpty = null;
        if (input.Values.TryGetValue(prefix + AllowEmptyKey, out var allowValue) && !allowValue.IsSecret)
        {
            allowEmpty = allowValue.Node is YamlScalarNode flag ? PulumiTyping.Read(flag).Text : null;
            if (allowEmpty is not ("true" or "false"))
            {
                problems.Add(new InputProblem(allowValue.File, prefix + AllowEmptyKey, $"expected true or false, got {YamlInput.Describe(allowValue.Node)}", allowValue.Node.Start.Line, allowValue.Node.Start.Column));
            }
        }

        return problems.Count > 0
            ? throw new InputException(problems)
            : new BoundStack(input.ProjectName, input.StackName, partOf, agents) { Coverage = coverage, AllowEmpty = allowEmpty == "true" };
    }

    private static NodeAgentSpec? BindAgent(string agentKey, YamlNode node, string path, StrictBinder binder, bool hasSharedKey)
    {
        if (YamlInput.IsNull(node))
        {
            binder.Report(node, path, "missing value; give the agent's options ({} for the preset's defaults), or enabled: false to drop it");
            return null;
        }

        var enabled = true;
        if (node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("enabled"), out var flag))
        {
            // As the Pulumi CLI types it: true, True and TRUE are true (yaml.v3 resolve.go), see PulumiTyping.
            if (flag is not YamlScalarNode value || PulumiTyping.Read(value) is not { Kind: PulumiScalarKind.Boolean } typed)
            {
                binder.Report(flag, path + ".enabled", $"expected true or false{StrictBinder.BooleanHint(flag)}, got {YamlInput.Describe(flag)}");
                return null;
            }

            enabled = typed.Text == "true";
        }

        // A disabled agent's options are still bound and checked, so a typo never hides behind enabled: false.
        string[] ignored = ["enabled"];
        AgentOptions? options = agentKey switch
        {
            "logging" => binder.Bind<LoggingAgentOptions>(node, path, ignored),
            "monitoring" => binder.Bind<MonitoringAgentOptions>(node, path, ignored),
            "network" => binder.Bind<NetworkAgentOptions>(node, path, ignored),
            _ => binder.Bind<SecurityAgentOptions>(node, path, ignored),
        };
        if (options is null)
        {
            return null;
        }

        var problems = options.Check();
        foreach (var problem in problems)
        {
            binder.Report(Find(node, problem.Path), $"{path}.{problem.Path}", problem.Message);
        }

        if (options is LoggingAgentOptions { Output.SharedKey: "config" } && !hasSharedKey)
        {
            binder.Report(Find(node, "output.sharedKey"), path + ".output.sharedKey", $"'config' needs the secure value {path[..^agentKey.Length]}{LoggingAgentPreset.SharedKeyConfigKey} (pulumi config set --secret {LoggingAgentPreset.SharedKeyConfigKey} …)");
        }

        if (!enabled || problems.Count > 0)
        {
            return null;
        }

        return options switch
        {
            LoggingAgentOptions logging => LoggingAgentPreset.Build(logging),
            MonitoringAgentOptions monitoring => MonitoringAgentPreset.Build(monitoring),
            NetworkAgentOptions network => NetworkAgentPreset.Build(network),
            _ => SecurityAgentPreset.Build((SecurityAgentOptions)options),
        };
    }

    /// <summary>The node at a dotted <paramref name="subPath"/> under <paramref name="node"/>, or the deepest one that exists (for positions).</summary>
    private static YamlNode Find(YamlNode node, string subPath)
    {
        foreach (var key in subPath.Split('.', '['))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                break;
            }

            node = child;
        }

        return node;
    }

    private static string Squeeze(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool NamespaceOverridden(YamlNode node) =>
        node is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode("namespace"));
}
