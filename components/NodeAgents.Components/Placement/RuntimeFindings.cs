namespace NodeAgents.Placement;

/// <summary>
/// The plan problems of the runtime checks (<see cref="RuntimeOutcomes"/>), per node group: a pod that will not run is an
/// error (<see cref="PlanProblemKind.WillNotRun"/>), one that runs degraded a warning (<see cref="PlanProblemKind.RunsDegraded"/>),
/// and each fact the nodes do not report a warning (<see cref="PlanProblemKind.RuntimeFactUnknown"/>).
/// </summary>
internal static class RuntimeFindings
{
    /// <summary>The problems, errors of every group first, then the warnings.</summary>
    public static IEnumerable<PlanProblem> Find(IReadOnlyList<PlanAgent> agents, IReadOnlyList<NodeGroup> groups, Func<NodeGroup, string> where)
    {
        var warnings = new List<PlanProblem>();
        foreach (var group in groups)
        {
            for (var index = 0; index < agents.Count; index++)
            {
                var decision = group.Decisions[index];
                var name = agents[index].Name;
                if (decision.Outcome == PlacementOutcome.WillNotRun)
                {
                    var problem = decision.Degraded
                        ? new PlanProblem(PlanSeverity.Warning, PlanProblemKind.RunsDegraded, group.Id, group.Nodes, [name], $"{name} runs degraded on {where(group)}: {decision.Reason}")
                        : new PlanProblem(PlanSeverity.Error, PlanProblemKind.WillNotRun, group.Id, group.Nodes, [name], $"{name} is created but will not run on {where(group)}: {decision.Reason}");
                    if (problem.Severity == PlanSeverity.Error)
                    {
                        yield return problem;
                    }
                    else
                    {
                        warnings.Add(problem);
                    }
                }

                warnings.AddRange(decision.Unknown.Select(unknown =>
                    new PlanProblem(PlanSeverity.Warning, PlanProblemKind.RuntimeFactUnknown, group.Id, group.Nodes, [name], $"{name} on {where(group)}: {unknown}")));
            }
        }

        foreach (var warning in warnings)
        {
            yield return warning;
        }
    }
}
