using NodeAgents.Input;
using NodeAgents.Placement;
using NodeAgents.Stacks.Config;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Binding;

/// <summary>
/// Binds the stack key <c>node-agents:coverage</c> into a <see cref="CoveragePolicy"/>: a mapping with <c>required</c>
/// (role → label selector, or <c>*</c>) and <c>exclude</c> (a list of label selectors). Absent key: <see cref="CoveragePolicy.Default"/>.
/// </summary>
public static class CoverageBinder
{
    /// <summary>The short key in the project's namespace.</summary>
    public const string Key = "coverage";

    /// <summary>Binds the policy of <paramref name="input"/>, adding every problem (unknown key, unknown role, bad selector) to <paramref name="problems"/>.</summary>
    public static CoveragePolicy Bind(StackInput input, string prefix, List<InputProblem> problems)
    {
        if (!input.Values.TryGetValue(prefix + Key, out var value) || value.IsSecret)
        {
            return CoveragePolicy.Default;
        }

        var policy = new StrictBinder(value.File, problems).Bind<CoveragePolicy>(value.Node, prefix + Key);
        foreach (var (path, message) in policy?.Check() ?? [])
        {
            var node = Find(value.Node, path) ?? value.Node;
            problems.Add(new InputProblem(value.File, $"{prefix}{Key}.{path}", message, node.Start.Line, node.Start.Column));
        }

        return policy ?? CoveragePolicy.Default;
    }

    /// <summary>
    /// Adds a problem for each role the stack's own <c>coverage</c> key requires that none of <paramref name="roles"/> (the
    /// roles of the stack's deployed agents) is: a required role no agent has can only be a gap on every node, or a typo.
    /// The default policy (no key) is not checked: its gaps are the plan's to report.
    /// </summary>
    public static void CheckRoles(StackInput input, string prefix, CoveragePolicy policy, IReadOnlyCollection<string> roles, List<InputProblem> problems)
    {
        if (!input.Values.TryGetValue(prefix + Key, out var value) || value.IsSecret)
        {
            return;
        }

        foreach (var role in policy.Required.Keys.Where(role => !roles.Contains(role)))
        {
            var node = Find(value.Node, $"required.{role}") ?? value.Node;
            var known = roles.Order(StringComparer.Ordinal).ToList();
            var suggestion = StrictBinder.Closest(role, known.Count == 0 ? CoveragePolicy.Roles : known);
            problems.Add(new InputProblem(
                value.File,
                $"{prefix}{Key}.required.{role}",
                $"no agent of this stack has the role '{role}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?")
                + $" (roles of the stack's agents: {(known.Count == 0 ? "none" : string.Join(", ", known))}); add an agent with role: {role} or drop the requirement",
                node.Start.Line,
                node.Start.Column));
        }
    }

    /// <summary>The node at <c>required.ROLE</c> or <c>exclude[N]</c>, for the problem's position.</summary>
    private static YamlNode? Find(YamlNode root, string path)
    {
        if (root is not YamlMappingNode mapping)
        {
            return null;
        }

        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0)
        {
            return mapping.Children.TryGetValue(new YamlScalarNode(path[..bracket]), out var list) && list is YamlSequenceNode sequence &&
                   int.TryParse(path[(bracket + 1)..^1], out var index) && index < sequence.Children.Count
                ? sequence.Children[index]
                : null;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && mapping.Children.TryGetValue(new YamlScalarNode(path[..dot]), out var child) && child is YamlMappingNode inner &&
               inner.Children.TryGetValue(new YamlScalarNode(path[(dot + 1)..]), out var leaf)
            ? leaf
            : null;
    }
}
