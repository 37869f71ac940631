using NodeAgents.Input;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>
/// YAML merge keys (<c>&lt;&lt;: *base</c>, <c>&lt;&lt;: {…}</c>, <c>&lt;&lt;: [*a, *b]</c>) applied as the Pulumi CLI's
/// gopkg.in/yaml.v3 v3.0.1 applies them (<c>decode.go</c>, <c>mapping</c> and <c>merge</c>): the mapping's own keys win over
/// merged ones, and of several merged mappings the first that has a key wins; a merge value that is not a mapping or a
/// list of mappings fails with <c>map merge requires map or sequence of maps as the value</c>.
/// </summary>
public static class YamlMerge
{
    /// <summary>Applies every merge key below <paramref name="root"/> in place; adds a problem for each invalid one.</summary>
    public static void Apply(YamlNode root, string file, ICollection<InputProblem> problems)
    {
        // Post-order without recursion: a mapping is merged after the mappings inside it (and those it merges) are.
        var order = new List<YamlMappingNode>();
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<YamlNode>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            if (node is YamlMappingNode mapping)
            {
                order.Add(mapping);
                foreach (var (key, value) in mapping.Children)
                {
                    stack.Push(key);
                    stack.Push(value);
                }
            }
            else if (node is YamlSequenceNode sequence)
            {
                foreach (var item in sequence.Children)
                {
                    stack.Push(item);
                }
            }
        }

        for (var i = order.Count - 1; i >= 0; i--)
        {
            Merge(order[i], file, problems);
        }
    }

    private static void Merge(YamlMappingNode mapping, string file, ICollection<InputProblem> problems)
    {
        var mergeKey = mapping.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(key => key.Value == "<<" && key.Style is ScalarStyle.Plain or ScalarStyle.Any && key.Tag.IsEmpty);
        if (mergeKey is null)
        {
            return;
        }

        var value = mapping.Children[mergeKey];
        IReadOnlyList<YamlNode> sources = value is YamlSequenceNode list ? list.Children.ToList() : [value];
        if (sources.Any(source => source is not YamlMappingNode))
        {
            problems.Add(new InputProblem(file, "<<", "map merge requires map or sequence of maps as the value", value.Start.Line, value.Start.Column));
            return;
        }

        var merged = new List<KeyValuePair<YamlNode, YamlNode>>(mapping.Children.Where(pair => !ReferenceEquals(pair.Key, mergeKey)));
        var present = new HashSet<YamlNode>(merged.Select(pair => pair.Key));
        foreach (var source in sources.Cast<YamlMappingNode>())
        {
            foreach (var pair in source.Children.Where(pair => present.Add(pair.Key)))
            {
                merged.Add(pair);
            }
        }

        mapping.Children.Clear();
        foreach (var (key, child) in merged)
        {
            mapping.Children.Add(key, child);
        }
    }
}
