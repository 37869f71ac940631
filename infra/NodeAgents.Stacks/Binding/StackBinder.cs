using NodeAgents.Input;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Stacks.Config;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Binding;

/// <summary>
/// Binds a stack's config into agent specs. The same binder serves the offline commands and the Pulumi program.
/// Keys of the project's namespace (documented in README "Config reference"):
/// <c>namespace</c> (string), <c>partOf</c> (string), <c>agents</c> (agent name → <c>preset: NAME</c> with the preset's
/// options, or <c>role: ROLE</c> with a custom agent's fields; see <see cref="AgentBinder"/>), the shorthand keys
/// <c>logging</c>, <c>monitoring</c>, <c>network</c>, <c>security</c> (one instance of fluent-bit, node-exporter,
/// node-local-dns, falco: <c>enabled</c> plus the preset's options), <c>forwardSharedKey</c> (a <c>secure:</c> value),
/// <c>coverage</c> (the placement coverage policy, see <see cref="CoverageBinder"/>).
/// An agent is deployed when it is present and <c>enabled</c> is not false; every agent name is used once. The stack-wide
/// <c>namespace</c> applies to every agent that sets no <c>namespace</c> of its own, except one whose preset pins its
/// namespace (<see cref="NodeAgentSpec.NamespacePinned"/>: the network agent stays in kube-system). Keys of other
/// namespaces (e.g. <c>kubernetes:context</c>) belong to providers and are ignored here.
/// </summary>
public static class StackBinder
{
    /// <summary>The project keys that take a mapping of agent options, in deploy order.</summary>
    public static IReadOnlyList<string> AgentKeys { get; } = ["logging", "monitoring", "network", "security"];

    /// <summary>The project key of the agent collection (agent name → preset or custom agent), see <see cref="AgentBinder"/>.</summary>
    public const string AgentsKey = "agents";

    /// <summary>Every key of the project's namespace the binder knows.</summary>
    public static IReadOnlyList<string> ProjectKeys { get; } = ["namespace", "partOf", AgentsKey, .. AgentKeys, "forwardSharedKey", CoverageBinder.Key, AllowEmptyKey];

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

        if (!AgentKeys.Append(AgentsKey).Any(agentKey => input.Values.ContainsKey(prefix + agentKey)))
        {
            var others = input.Values.Keys.Where(key => !key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(key => key[..Math.Max(0, key.IndexOf(':', StringComparison.Ordinal))]).Distinct().Order(StringComparer.Ordinal).ToList();
            problems.Add(new InputProblem(
                StackFiles.StackFile(input.StackName),
                "config",
                $"the stack configures no agent: add {prefix}{AgentsKey} (or one of the shorthand keys {string.Join(", ", AgentKeys.Select(agentKey => prefix + agentKey))})"
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

        var problemsBeforeAgents = problems.Count;
        var sharedKey = new SharedKeyContext(hasSharedKey, prefix + LoggingAgentPreset.SharedKeyConfigKey);
        var bound = new List<AgentBinder.Bound>();
        foreach (var agentKey in AgentKeys)
        {
            if (input.Values.TryGetValue(prefix + agentKey, out var value) && !value.IsSecret &&
                AgentBinder.BindShorthand(agentKey, value.Node, prefix + agentKey, new StrictBinder(value.File, problems), sharedKey) is { } agent)
            {
                bound.Add(agent);
            }
        }

        string? agentsFile = null;
        if (input.Values.TryGetValue(prefix + AgentsKey, out var collection) && !collection.IsSecret)
        {
            agentsFile = collection.File;
            bound.AddRange(AgentBinder.BindCollection(collection.Node, prefix + AgentsKey, new StrictBinder(collection.File, problems), sharedKey));
        }

        var agents = new List<NodeAgentSpec>();
        var pathOfName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agent in bound)
        {
            var spec = agent.Spec;
            if (pathOfName.TryGetValue(spec.Name, out var other))
            {
                // Names key the DaemonSet, the Pulumi resources and the plan; two agents may not share one, in any namespace.
                var file = agent.Path.StartsWith(prefix + AgentsKey + ".", StringComparison.Ordinal) ? agentsFile! : input.Values[agent.Path].File;
                new StrictBinder(file, problems).Report(agent.Node, agent.Path + ".name", $"the agent name '{spec.Name}' is already used by {other}; give each agent its own name");
                continue;
            }

            pathOfName[spec.Name] = agent.Path;
            agents.Add(spec with
            {
                Namespace = agent.NamespaceSet || spec.NamespacePinned ? spec.Namespace : defaultNamespace ?? spec.Namespace,
                PartOf = partOf,
            });
        }

        // Deploy order: built-in roles first (logging, monitoring, network, security), then other roles, each by name, so
        // the files and the Pulumi program (whose structured config arrives with its keys sorted) agree.
        agents = [.. agents.OrderBy(agent => agent.Role).ThenBy(agent => agent.Name, StringComparer.Ordinal)];

        var agentsBound = problems.Count == problemsBeforeAgents;
        var coverage = CoverageBinder.Bind(input, prefix, problems);
        if (agentsBound && !ReferenceEquals(coverage, Placement.CoveragePolicy.Default))
        {
            // Only when every agent bound: an agent left out by a mistake would otherwise look like a missing role.
            CoverageBinder.CheckRoles(input, prefix, coverage, bound.Select(agent => agent.Spec.Role.Name).ToHashSet(StringComparer.Ordinal), problems);
        }

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

    private static string Squeeze(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
