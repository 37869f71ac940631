using System.Globalization;

namespace NodeAgents.Placement;

/// <summary>
/// The agent tax a node group may carry: the share of its allocatable cpu, memory and pod slots the agents' requests may
/// take, as percentages (<c>10%</c>). Stack config <c>node-agents:coverage: budget: {cpu: 10%, memory: 15%, pods: 20%,
/// severity: warning}</c>; an absent resource is not budgeted. A group over budget is reported with <see cref="Severity"/>
/// (<see cref="PlanProblemKind.OverBudget"/>).
/// </summary>
public sealed record AgentTaxBudget
{
    /// <summary>The largest share of allocatable CPU the agents may request, e.g. <c>10%</c>; null: not budgeted.</summary>
    public string? Cpu { get; init; }

    /// <summary>The largest share of allocatable memory, e.g. <c>15%</c>; null: not budgeted.</summary>
    public string? Memory { get; init; }

    /// <summary>The largest share of allocatable pod slots, e.g. <c>30%</c>; null: not budgeted.</summary>
    public string? Pods { get; init; }

    /// <summary>How a group over budget is reported. Default <see cref="PlanSeverity.Warning"/>.</summary>
    public PlanSeverity Severity { get; init; } = PlanSeverity.Warning;

    /// <summary>The budget's mistakes as (key path below <c>budget</c>, message): a share that is not <c>N%</c> between 0 and 100.</summary>
    public IReadOnlyList<(string Path, string Message)> Check() =>
        new[] { ("cpu", Cpu), ("memory", Memory), ("pods", Pods) }
            .Where(pair => pair.Item2 is not null && TryPercent(pair.Item2, out _) is false)
            .Select(pair => (pair.Item1, $"'{pair.Item2}' is not a share of allocatable: expected a percentage from 0% to 100%, e.g. 15%"))
            .ToList();

    /// <summary>Reads <c>15%</c> or <c>12.5%</c> (0 to 100) as a number of percent.</summary>
    public static bool TryPercent(string? text, out double percent)
    {
        percent = 0;
        return text is { Length: > 1 } && text[^1] == '%' &&
               double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out percent) &&
               percent is >= 0 and <= 100;
    }

    /// <summary>The problems of the groups whose agent tax is above the budget (excluded groups are outside the policy).</summary>
    internal IEnumerable<PlanProblem> Find(IReadOnlyList<NodeGroup> groups, Func<NodeGroup, string> where)
    {
        foreach (var group in groups.Where(group => group.ExcludedBy is null))
        {
            var over = new List<string>();
            Over("cpu", Cpu, group.CpuTaxPercent, group.Allocatable.MilliCpu);
            Over("memory", Memory, group.MemoryTaxPercent, group.Allocatable.MemoryBytes);
            Over("pods", Pods, group.PodTaxPercent, group.Allocatable.Pods);
            if (over.Count > 0)
            {
                yield return new PlanProblem(Severity, PlanProblemKind.OverBudget, group.Id, group.Nodes, [],
                    $"the agents' requests on {where(group)} exceed the agent tax budget (node-agents:coverage budget): {string.Join(", ", over)} of allocatable");
            }

            void Over(string resource, string? budget, double tax, long allocatable)
            {
                if (allocatable > 0 && TryPercent(budget, out var limit) && tax > limit)
                {
                    over.Add(FormattableString.Invariant($"{resource} {tax:0.#}% > {budget}"));
                }
            }
        }
    }
}
