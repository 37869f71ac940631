namespace NodeAgents.Placement;

/// <summary>
/// Which nodes must run which agent role, and which nodes no agent should run on. Stack config key
/// <c>node-agents:coverage</c> (see docs/placement.md); when the key is absent, <see cref="Default"/> applies.
/// Selectors are label-selector text (<see cref="LabelSelectorText"/>): e.g. <c>kubernetes.io/os!=windows</c>, or <c>*</c>
/// for every node.
/// </summary>
public sealed record CoveragePolicy
{
    /// <summary>
    /// The built-in roles (<see cref="Model.AgentRole.BuiltIn"/>). A policy may name any role (an agent's
    /// <c>app.kubernetes.io/component</c> value); the stack binder rejects a required role that no agent of the stack has.
    /// </summary>
    public static IReadOnlyList<string> Roles { get; } = [.. Model.AgentRole.BuiltIn.Select(role => role.Name)];

    /// <summary>
    /// Role → selector of the nodes that must run an agent of that role; a matching node without a landed agent of the
    /// role is an error. Default: <c>logging</c> and <c>security</c> on every node that is not Windows
    /// (<c>kubernetes.io/os!=windows</c>, which also catches nodes that lack the <c>kubernetes.io/os</c> label),
    /// <c>monitoring</c> on every node (<c>*</c>); <c>network</c> is optional. Setting the key replaces the whole default.
    /// </summary>
    public IReadOnlyDictionary<string, string> Required { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["logging"] = "kubernetes.io/os!=windows",
        ["monitoring"] = LabelSelectorText.Everything,
        ["security"] = "kubernetes.io/os!=windows",
    };

    /// <summary>
    /// Selectors of nodes outside the policy (any one matching excludes the node): they need no agent, and every agent that
    /// would land there is reported as a warning. Default: virtual-kubelet nodes (<c>type=virtual-kubelet</c>, e.g. AKS
    /// virtual nodes), EKS Fargate nodes (<c>eks.amazonaws.com/compute-type=fargate</c>) and nodes that opt out with the
    /// label <c>node-agents.io/opt-out</c>. Setting the key replaces the whole default.
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } =
    [
        "type=virtual-kubelet",
        "eks.amazonaws.com/compute-type=fargate",
        "node-agents.io/opt-out",
    ];

    /// <summary>The agent tax budget per node group (<see cref="AgentTaxBudget"/>); null (the default): none.</summary>
    public AgentTaxBudget? Budget { get; init; }

    /// <summary>The policy used when the stack sets none.</summary>
    public static CoveragePolicy Default { get; } = new();

    /// <summary>
    /// The policy's mistakes as (key path below <c>coverage</c>, message) pairs: a role that is not a DNS-1123 label,
    /// a selector that does not parse. Empty when the policy is valid.
    /// </summary>
    public IReadOnlyList<(string Path, string Message)> Check()
    {
        var problems = new List<(string, string)>();
        problems.AddRange((Budget?.Check() ?? []).Select(problem => ("budget." + problem.Path, problem.Message)));
        foreach (var (role, selector) in Required)
        {
            if (Model.AgentRole.Parse(role, out var problem) is null)
            {
                problems.Add(($"required.{role}", $"the role {problem}"));
            }

            CheckSelector($"required.{role}", selector, problems);
        }

        for (var index = 0; index < Exclude.Count; index++)
        {
            CheckSelector($"exclude[{index}]", Exclude[index], problems);
        }

        return problems;
    }

    private static void CheckSelector(string path, string selector, List<(string, string)> problems)
    {
        try
        {
            LabelSelectorText.Parse(selector);
        }
        catch (FormatException error)
        {
            problems.Add((path, error.Message));
        }
    }
}
