namespace NodeAgents.Placement;

/// <summary>
/// The findings of a plan, per node group. Errors: a required role without a landed agent (coverage gap), an agent that
/// would stay Pending, two agents binding the same host port and protocol. Warnings: an agent that fits only by preempting
/// lower-priority pods, an agent without a
/// <c>kubernetes.io/os</c> selector landing on Windows nodes, an agent landing on nodes the policy excludes.
/// </summary>
public static class PlanFindings
{
    /// <summary>Every finding: errors first, then warnings, each in group order, within a group in <see cref="PlacementPlan.FitOrder"/>.</summary>
    public static IReadOnlyList<PlanProblem> Find(IReadOnlyList<PlanAgent> agents, IReadOnlyList<DaemonSetPlacement> placements, IReadOnlyList<NodeGroup> groups)
    {
        var problems = new List<PlanProblem>();
        var fitOrder = PlacementPlan.FitOrderOf(agents.Select(agent => agent.Priority).ToList());
        foreach (var group in groups)
        {
            var where = Where(group);
            foreach (var index in fitOrder)
            {
                var decision = group.Decisions[index];
                if (decision.Outcome == PlacementOutcome.Preempts)
                {
                    problems.Add(new PlanProblem(PlanSeverity.Warning, PlanProblemKind.Preempts, group.Id, group.Nodes, [agents[index].Name],
                        $"{agents[index].Name} fits on {where} only by preempting: {decision.Reason}"));
                    continue;
                }

                if (decision.Outcome != PlacementOutcome.DoesNotFit)
                {
                    continue;
                }

                if (decision.HostPortHeldBy is { } holder)
                {
                    problems.Add(new PlanProblem(PlanSeverity.Error, PlanProblemKind.HostPortClash, group.Id, group.Nodes, [holder, agents[index].Name],
                        $"{holder} and {agents[index].Name} both bind host port {decision.HostPort} on {where}: {agents[index].Name} (placed later) stays Pending"));
                }
                else
                {
                    problems.Add(new PlanProblem(PlanSeverity.Error, PlanProblemKind.Pending, group.Id, group.Nodes, [agents[index].Name],
                        $"{agents[index].Name} would stay Pending on {where}: {decision.Reason}"));
                }
            }

            if (group.ExcludedBy is null)
            {
                foreach (var role in group.RequiredRoles)
                {
                    var ofRole = Enumerable.Range(0, agents.Count).Where(index => agents[index].Role == role).ToList();
                    if (ofRole.Any(index => group.Decisions[index].Runs))
                    {
                        continue;
                    }

                    var why = ofRole.Count == 0
                        ? $"the stack deploys no {role} agent"
                        : string.Join("; ", ofRole.Select(index => $"{agents[index].Name}: {Describe(group.Decisions[index])}"));
                    problems.Add(new PlanProblem(PlanSeverity.Error, PlanProblemKind.CoverageGap, group.Id, group.Nodes, [.. ofRole.Select(index => agents[index].Name)],
                        $"no {role} agent on {where}, which the coverage policy requires: {why}"));
                }
            }
        }

        problems.AddRange(RuntimeFindings.Find(agents, groups, Where));
        foreach (var group in groups)
        {
            var where = Where(group);
            for (var index = 0; index < agents.Count; index++)
            {
                if (!group.Decisions[index].PodCreated)
                {
                    continue;
                }

                if (group.OperatingSystem == "windows" && !placements[index].ConstrainsOperatingSystem)
                {
                    problems.Add(new PlanProblem(PlanSeverity.Warning, PlanProblemKind.WindowsLanding, group.Id, group.Nodes, [agents[index].Name],
                        $"{agents[index].Name} has no kubernetes.io/os selector and lands on Windows {where}"));
                }

                if (group.ExcludedBy is not null)
                {
                    problems.Add(new PlanProblem(PlanSeverity.Warning, PlanProblemKind.ExcludedLanding, group.Id, group.Nodes, [agents[index].Name],
                        $"{agents[index].Name} lands on {where}, which the coverage policy excludes ({group.ExcludedBy})"));
                }
            }
        }

        return problems;
    }

    private static string Describe(PlacementDecision decision) => decision.Outcome switch
    {
        PlacementOutcome.DoesNotFit => "Pending, " + decision.Reason,
        PlacementOutcome.Preempts => "preempts, " + decision.Reason,
        PlacementOutcome.WillNotRun => (decision.Degraded ? "degraded, " : "will not run, ") + decision.Reason,
        _ => decision.Reason,
    };

    /// <summary>How a problem names a group: <c>node NAME (g1)</c> or <c>3 nodes of g2 (FIRST, …)</c>.</summary>
    internal static string Where(NodeGroup group) => group.Nodes.Count == 1
        ? $"node {group.Nodes[0]} ({group.Id})"
        : $"{group.Nodes.Count} nodes of {group.Id} ({group.Nodes[0]}, …)";
}
