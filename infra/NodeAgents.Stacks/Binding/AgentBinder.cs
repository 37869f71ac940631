using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Presets.Catalog;
using NodeAgents.Presets.Custom;
using NodeAgents.Stacks.Config;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Binding;

/// <summary>
/// Binds agents: the collection <c>node-agents:agents</c> (agent name → entry) and the four shorthand keys. An entry is
/// either <c>preset: NAME</c> (a <see cref="PresetCatalog"/> entry) with that preset's options, or <c>role: ROLE</c> with
/// the fields of a custom agent (<see cref="CustomAgentOptions"/>); both take <c>enabled</c>. The entry's key is the
/// agent's name (the DaemonSet's), so an entry has no <c>name</c>. A disabled entry is still bound and checked.
/// </summary>
internal static class AgentBinder
{
    /// <summary>The shorthand keys, each one instance of a catalog preset named like the preset's default agent.</summary>
    public static IReadOnlyDictionary<string, string> Shorthands { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["logging"] = "fluent-bit",
        ["monitoring"] = "node-exporter",
        ["network"] = "node-local-dns",
        ["security"] = "falco",
    };

    /// <summary>One bound agent with where it came from (for later problems such as a name used twice).</summary>
    public sealed record Bound(NodeAgentSpec Spec, YamlNode Node, string Path, bool NamespaceSet);

    /// <summary>Binds the shorthand key <paramref name="key"/> (e.g. <c>logging</c>); null when disabled or invalid.</summary>
    public static Bound? BindShorthand(string key, YamlNode node, string path, StrictBinder binder, SharedKeyContext sharedKey)
    {
        if (YamlInput.IsNull(node))
        {
            binder.Report(node, path, "missing value; give the agent's options ({} for the preset's defaults), or enabled: false to drop it");
            return null;
        }

        var enabled = Enabled(node, path, binder);
        var preset = PresetCatalog.Find(Shorthands[key])!;
        var options = BindOptions(preset.OptionsType, node, path, binder, ["enabled"], sharedKey);
        return enabled != true || options is null ? null : new Bound(preset.Build(options), node, path, NamespaceSet(node));
    }

    /// <summary>Binds every entry of the <c>agents</c> mapping; disabled and invalid entries are left out.</summary>
    public static List<Bound> BindCollection(YamlNode node, string path, StrictBinder binder, SharedKeyContext sharedKey)
    {
        var bound = new List<Bound>();
        if (node is not YamlMappingNode mapping)
        {
            binder.Report(node, path, $"expected a mapping of agent name → {{preset: NAME, …}} or {{role: ROLE, image: …, …}}, got {YamlInput.Describe(node)}");
            return bound;
        }

        foreach (var (keyNode, entry) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                binder.Report(keyNode, path, $"agent names must be plain strings, got {YamlInput.Describe(keyNode)}");
                continue;
            }

            var entryPath = $"{path}.{name}";
            if (AgentName.Check(name) is { } nameProblem)
            {
                binder.Report(keyNode, entryPath, $"the agent name (the DaemonSet's) {nameProblem}");
            }

            if (BindEntry(name, entry, entryPath, binder, sharedKey) is { } spec)
            {
                bound.Add(new Bound(spec, entry, entryPath, NamespaceSet(entry)));
            }
        }

        return bound;
    }

    private static NodeAgentSpec? BindEntry(string name, YamlNode entry, string path, StrictBinder binder, SharedKeyContext sharedKey)
    {
        if (entry is not YamlMappingNode mapping)
        {
            binder.Report(entry, path, $"expected a mapping with preset: NAME (one of {string.Join(", ", PresetCatalog.All.Select(preset => preset.Name))}) or role: ROLE for a custom agent, got {YamlInput.Describe(entry)}");
            return null;
        }

        var enabled = Enabled(entry, path, binder);
        if (mapping.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode))
        {
            binder.Report(nameNode, path + ".name", "an agent's name is its key under agents; rename the key instead");
        }

        var hasPreset = mapping.Children.TryGetValue(new YamlScalarNode("preset"), out var presetNode);
        var hasRole = mapping.Children.ContainsKey(new YamlScalarNode("role"));
        AgentOptions? options;
        if (hasPreset && hasRole)
        {
            binder.Report(presetNode!, path + ".preset", "give either preset (a catalog agent) or role (a custom agent), not both");
            return null;
        }

        if (hasPreset)
        {
            if (presetNode is not YamlScalarNode { Value: { } presetName })
            {
                binder.Report(presetNode!, path + ".preset", $"expected a preset name, got {YamlInput.Describe(presetNode!)}");
                return null;
            }

            if (PresetCatalog.Find(presetName) is not { } preset)
            {
                var names = PresetCatalog.All.Select(known => known.Name).ToList();
                var suggestion = StrictBinder.Closest(presetName, names);
                binder.Report(presetNode, path + ".preset", "unknown preset" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (catalog: {string.Join(", ", names)}; or give role: ROLE for a custom agent)");
                return null;
            }

            options = BindOptions(preset.OptionsType, entry, path, binder, ["enabled", "preset", "name"], sharedKey);
            return enabled == true && options is not null ? preset.Build(options with { Name = name }) : null;
        }

        if (!hasRole)
        {
            binder.Report(entry, path, $"say what the agent is: preset: NAME (one of {string.Join(", ", PresetCatalog.All.Select(preset => preset.Name))}) or role: ROLE with the custom agent's image and fields");
            return null;
        }

        options = BindOptions(typeof(CustomAgentOptions), entry, path, binder, ["enabled", "name"], sharedKey, name);
        return enabled == true && options is CustomAgentOptions custom ? CustomAgent.Build(custom) : null;
    }

    /// <summary>Binds and checks options; null when anything is wrong (every problem reported).</summary>
    private static AgentOptions? BindOptions(Type type, YamlNode node, string path, StrictBinder binder, string[] ignored, SharedKeyContext sharedKey, string? name = null)
    {
        if (binder.Bind(type, node, path, ignored) is not AgentOptions options)
        {
            return null;
        }

        if (name is not null)
        {
            options = options with { Name = name };
        }

        var problems = options.Check();
        foreach (var problem in problems)
        {
            binder.Report(Find(node, problem.Path), $"{path}.{problem.Path}", problem.Message);
        }

        if (options is LoggingAgentOptions { Output.SharedKey: "config" } && !sharedKey.IsSet)
        {
            binder.Report(Find(node, "output.sharedKey"), path + ".output.sharedKey", $"'config' needs the secure value {sharedKey.FullKey} (pulumi config set --secret {LoggingAgentPreset.SharedKeyConfigKey} …)");
            return null;
        }

        return problems.Count > 0 ? null : options;
    }

    /// <summary>The <c>enabled</c> flag: true when absent, null (reported) when not a boolean.</summary>
    private static bool? Enabled(YamlNode node, string path, StrictBinder binder)
    {
        if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode("enabled"), out var flag))
        {
            return true;
        }

        // As the Pulumi CLI types it: true, True and TRUE are true (yaml.v3 resolve.go), see PulumiTyping.
        if (flag is YamlScalarNode value && PulumiTyping.Read(value) is { Kind: PulumiScalarKind.Boolean } typed)
        {
            return typed.Text == "true";
        }

        binder.Report(flag, path + ".enabled", $"expected true or false{StrictBinder.BooleanHint(flag)}, got {YamlInput.Describe(flag)}");
        return null;
    }

    /// <summary>The node at a dotted <paramref name="subPath"/> under <paramref name="node"/>, or the deepest one that exists (for positions).</summary>
    private static YamlNode Find(YamlNode node, string subPath)
    {
        foreach (var key in subPath.Split('.', '['))
        {
            if (node is YamlSequenceNode sequence && key.EndsWith(']') && int.TryParse(key[..^1], out var index) && index >= 0 && index < sequence.Children.Count)
            {
                node = sequence.Children[index];
            }
            else if (node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                node = child;
            }
            else
            {
                break;
            }
        }

        return node;
    }

    private static bool NamespaceSet(YamlNode node) =>
        node is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode("namespace"));
}

/// <summary>Whether the stack holds the secure Fluent Bit forward shared key, and its full key for messages.</summary>
/// <param name="IsSet">The secure value is present.</param>
/// <param name="FullKey">e.g. <c>node-agents:forwardSharedKey</c>.</param>
internal sealed record SharedKeyContext(bool IsSet, string FullKey);
