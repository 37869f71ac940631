using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Turns the <see cref="NodeRuntimeCheck"/> verdicts of the agents that land on a node into decisions: a requirement that
/// fails makes the agent <see cref="PlacementOutcome.WillNotRun"/> (degraded when only a runtime socket is missing; its
/// requests still count, the pod is scheduled); facts the node does not report are kept as <see cref="PlacementDecision.Unknown"/>.
/// </summary>
internal static class RuntimeOutcomes
{
    /// <summary>Rewrites <paramref name="decisions"/> (one per placement) for <paramref name="node"/>.</summary>
    public static void Apply(PlacementDecision[] decisions, IReadOnlyList<DaemonSetPlacement> placements, V1Node node)
    {
        for (var index = 0; index < decisions.Length; index++)
        {
            if (decisions[index].Outcome != PlacementOutcome.Lands || placements[index].Requirements.IsEmpty)
            {
                continue;
            }

            var verdicts = NodeRuntimeCheck.Check(placements[index].Requirements, node);
            var unknown = verdicts.Where(verdict => verdict.Kind == RuntimeVerdictKind.Unknown).Select(verdict => verdict.Reason).ToList();
            var failing = verdicts.Where(verdict => verdict.Kind != RuntimeVerdictKind.Unknown).ToList();
            decisions[index] = failing.Count == 0
                ? unknown.Count == 0 ? decisions[index] : decisions[index] with { Unknown = unknown }
                : new PlacementDecision(PlacementOutcome.WillNotRun, string.Join("; ", failing.Select(verdict => verdict.Reason)))
                {
                    Degraded = failing.All(verdict => verdict.Kind == RuntimeVerdictKind.Degraded),
                    Unknown = unknown,
                };
        }
    }
}
