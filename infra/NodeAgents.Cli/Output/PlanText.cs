using NodeAgents.Placement;

namespace NodeAgents.Cli.Output;

/// <summary>The words every plan output shares: cell labels, node lists, resource amounts, the summary line.</summary>
internal static class PlanText
{
    /// <summary>The short cell text of an outcome.</summary>
    public static string Cell(PlacementOutcome outcome) => outcome switch
    {
        PlacementOutcome.Lands => "lands",
        PlacementOutcome.ExcludedBySelector => "selector",
        PlacementOutcome.BlockedByTaint => "taint",
        PlacementOutcome.WillNotRun => "WON'T RUN",
        PlacementOutcome.Preempts => "PREEMPTS",
        _ => "PENDING",
    };

    /// <summary>The short cell text of a decision: as <see cref="Cell(PlacementOutcome)"/>, <c>degraded</c> for a pod that runs degraded.</summary>
    public static string Cell(PlacementDecision decision) =>
        decision.Outcome == PlacementOutcome.WillNotRun && decision.Degraded ? "degraded" : Cell(decision.Outcome);

    /// <summary>The legend of the cell texts.</summary>
    public const string Legend = "lands = the pod runs there; selector = excluded by nodeName, nodeSelector or required node affinity; taint = blocked by an untolerated NoSchedule/NoExecute taint; PENDING = created but does not fit; PREEMPTS = fits only by evicting lower-priority pods already on the node; WON'T RUN = created but the node's kernel or architecture fails the agent's requirement; degraded = runs without what the node's container runtime should give it";

    /// <summary>Up to three node names, then how many more.</summary>
    public static string Nodes(IReadOnlyList<string> nodes) =>
        nodes.Count <= 3 ? string.Join(", ", nodes) : $"{string.Join(", ", nodes.Take(3))}, +{nodes.Count - 3} more";

    /// <summary>cpu / memory / pods as <c>1930m / 1.4Gi / 11</c>.</summary>
    public static string Amounts(ResourceAmounts amounts) =>
        $"{ResourceAmounts.FormatCpu(amounts.MilliCpu)} / {ResourceAmounts.FormatMemory(amounts.MemoryBytes)} / {amounts.Pods}";

    /// <summary>The agent tax as <c>23.4% / 57.9% / 36.4%</c> (cpu / memory / pods).</summary>
    public static string Tax(NodeGroup group) =>
        FormattableString.Invariant($"{group.CpuTaxPercent:0.#}% / {group.MemoryTaxPercent:0.#}% / {group.PodTaxPercent:0.#}%");

    /// <summary>The policy column: excluded, or the required roles.</summary>
    public static string Policy(NodeGroup group) =>
        group.ExcludedBy is not null ? $"excluded ({group.ExcludedBy})" : group.RequiredRoles.Count == 0 ? "-" : "needs " + string.Join(", ", group.RequiredRoles);

    /// <summary>
    /// Why agents do not land, one line per group and reason, agents with the same reason together, e.g.
    /// <c>g2 (aksnpwin000000): fluent-bit, falco: selector: nodeSelector kubernetes.io/os=linux (node has kubernetes.io/os=windows)</c>;
    /// within a group in <see cref="PlacementPlan.FitOrder"/>, the order the free amounts were computed in.
    /// </summary>
    public static IEnumerable<string> WhyNot(PlacementPlan plan) =>
        from grp in plan.Groups
        from reason in plan.FitOrder
            .Select(index => (decision: grp.Decisions[index], agent: plan.Agents[index].Name))
            .Where(pair => pair.decision.Outcome != PlacementOutcome.Lands)
            .GroupBy(pair => (pair.decision.Outcome, pair.decision.Reason))
        select $"{grp.Id} ({Nodes(grp.Nodes)}): {string.Join(", ", reason.Select(pair => pair.agent))}: {Cell(reason.First().decision)}: {reason.Key.Reason}";

    /// <summary>The closing line, e.g. <c>stack prod, nodes.json: 4 agents on 8 nodes in 5 groups: 2 errors, 1 warning</c>.</summary>
    public static string Summary(PlacementPlan plan, string stack, string nodesPath)
    {
        var errors = plan.Problems.Count(problem => problem.Severity == PlanSeverity.Error);
        var warnings = plan.Problems.Count - errors;
        return $"stack {stack}, {nodesPath}: {Count(plan.Agents.Count, "agent")} on {Count(plan.NodeCount, "node")} in {Count(plan.Groups.Count, "group")}: " +
               $"{Count(errors, "error")}, {Count(warnings, "warning")}";
    }

    /// <summary>A count and a noun, plural unless the count is 1: <c>1 node</c>, <c>3 nodes</c>.</summary>
    public static string Count(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>The name of a problem kind in every output, as in <c>-o json</c>: <c>coverageGap</c>, <c>hostPortClash</c>.</summary>
    public static string Kind(PlanProblemKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
