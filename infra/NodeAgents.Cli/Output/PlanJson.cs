using System.Text.Json;
using System.Text.Json.Serialization;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Output;

/// <summary>
/// <c>nodeagents plan -o json</c>: the plan for machines. Shape: <c>{stack, nodes, summary{nodes, groups, errors, warnings},
/// agents[{name, namespace, role, requests{cpuMillicores, memoryBytes, pods}, priority, hostPorts[]}],
/// groups[{id, description, nodes[], operatingSystem, taints[], allocatable{…}, agentRequests{…},
/// agentTaxPercent{cpu, memory, pods}, excludedBy, requiredRoles[], placement{agent: {outcome, reason}}}],
/// problems[{severity, kind, group, nodes[], agents[], message}]}</c>; outcomes are <c>lands</c>, <c>excludedBySelector</c>,
/// <c>blockedByTaint</c>, <c>doesNotFit</c>.
/// </summary>
internal static class PlanJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(PlacementPlan plan, string stack, string nodesPath)
    {
        var errors = plan.Problems.Count(problem => problem.Severity == PlanSeverity.Error);
        var document = new
        {
            stack,
            nodes = nodesPath,
            summary = new { nodes = plan.NodeCount, groups = plan.Groups.Count, errors, warnings = plan.Problems.Count - errors },
            agents = plan.Agents.Select(agent => new
            {
                agent.Name,
                agent.Namespace,
                agent.Role,
                requests = Amounts(agent.Requests),
                agent.Priority,
                hostPorts = agent.HostPorts.Select(port => port.ToString()),
            }),
            groups = plan.Groups.Select(group => new
            {
                group.Id,
                group.Description,
                group.Nodes,
                group.OperatingSystem,
                group.Taints,
                nodeInfo = group.NodeInfo,
                allocatable = Amounts(group.Allocatable),
                agentRequests = Amounts(group.AgentRequests),
                existingPodRequests = group.ExistingPods is { } existing ? Amounts(existing) : null,
                agentTaxPercent = new { cpu = group.CpuTaxPercent, memory = group.MemoryTaxPercent, pods = group.PodTaxPercent },
                group.ExcludedBy,
                group.RequiredRoles,
                placement = plan.Agents.Select((agent, index) => (agent.Name, group.Decisions[index]))
                    .ToDictionary(pair => pair.Name, pair => new { outcome = pair.Item2.Outcome, reason = pair.Item2.Reason, degraded = pair.Item2.Degraded, unknown = pair.Item2.Unknown, preempts = pair.Item2.Victims.Select(victim => new { victim.Namespace, victim.Name, victim.Priority }) }),
            }),
            problems = plan.Problems.Select(problem => new
            {
                problem.Severity,
                problem.Kind,
                group = problem.GroupId,
                problem.Nodes,
                problem.Agents,
                problem.Message,
            }),
        };
        return JsonSerializer.Serialize(document, Options);
    }

    private static object Amounts(ResourceAmounts amounts) => new { cpuMillicores = amounts.MilliCpu, memoryBytes = amounts.MemoryBytes, pods = amounts.Pods };
}
