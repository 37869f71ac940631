using System.Text.Json;
using System.Text.Json.Nodes;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Output;

/// <summary>
/// <c>nodeagents plan -o json</c>: the plan for machines. Shape: <c>{stack, nodes, summary{nodes, groups, errors, warnings},
/// agents[{name, namespace, role, requests{cpuMillicores, memoryBytes, pods}, priority, hostPorts[]}],
/// groups[{id, description, nodes[], operatingSystem, taints[], allocatable{…}, agentRequests{…},
/// agentTaxPercent{cpu, memory, pods}, excludedBy, requiredRoles[], placement{agent: {outcome, reason}}}],
/// problems[{severity, kind, group, nodes[], agents[], message}]}</c>; outcomes are <c>lands</c>, <c>excludedBySelector</c>,
/// <c>blockedByTaint</c>, <c>doesNotFit</c>.
/// Built as a <see cref="JsonNode"/> tree (no reflection, so the native binary writes it): one method per part, so a new
/// field is one line in the part it belongs to; enum values are written camelCase.
/// </summary>
internal static class PlanJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The plan as an indented JSON document (no trailing newline).</summary>
    public static string Write(PlacementPlan plan, string stack, string nodesPath)
    {
        var errors = plan.Problems.Count(problem => problem.Severity == PlanSeverity.Error);
        var document = new JsonObject
        {
            ["stack"] = stack,
            ["nodes"] = nodesPath,
            ["summary"] = new JsonObject { ["nodes"] = plan.NodeCount, ["groups"] = plan.Groups.Count, ["errors"] = errors, ["warnings"] = plan.Problems.Count - errors },
            ["agents"] = Array(plan.Agents.Select(Agent)),
            ["groups"] = Array(plan.Groups.Select(group => Group(plan, group))),
            ["problems"] = Array(plan.Problems.Select(Problem)),
        };
        return document.ToJsonString(Indented);
    }

    private static JsonObject Agent(PlanAgent agent) => new()
    {
        ["name"] = agent.Name,
        ["namespace"] = agent.Namespace,
        ["role"] = agent.Role,
        ["requests"] = Amounts(agent.Requests),
        ["priority"] = agent.Priority,
        ["hostPorts"] = Strings(agent.HostPorts.Select(port => port.ToString())),
    };

    private static JsonObject Group(PlacementPlan plan, NodeGroup group)
    {
        var placement = new JsonObject();
        for (var index = 0; index < plan.Agents.Count; index++)
        {
            placement[plan.Agents[index].Name] = Decision(group.Decisions[index]);
        }

        return new JsonObject
        {
            ["id"] = group.Id,
            ["description"] = group.Description,
            ["nodes"] = Strings(group.Nodes),
            ["operatingSystem"] = group.OperatingSystem,
            ["taints"] = Strings(group.Taints),
            ["nodeInfo"] = new JsonObject
            {
                ["kernelVersion"] = group.NodeInfo.KernelVersion,
                ["architecture"] = group.NodeInfo.Architecture,
                ["containerRuntimeVersion"] = group.NodeInfo.ContainerRuntimeVersion,
                ["osImage"] = group.NodeInfo.OsImage,
            },
            ["allocatable"] = Amounts(group.Allocatable),
            ["agentRequests"] = Amounts(group.AgentRequests),
            ["existingPodRequests"] = group.ExistingPods is { } existing ? Amounts(existing) : null,
            ["agentTaxPercent"] = new JsonObject { ["cpu"] = group.CpuTaxPercent, ["memory"] = group.MemoryTaxPercent, ["pods"] = group.PodTaxPercent },
            ["excludedBy"] = group.ExcludedBy,
            ["requiredRoles"] = Strings(group.RequiredRoles),
            ["placement"] = placement,
        };
    }

    private static JsonObject Decision(PlacementDecision decision) => new()
    {
        ["outcome"] = Name(decision.Outcome),
        ["reason"] = decision.Reason,
        ["degraded"] = decision.Degraded,
        ["unknown"] = Strings(decision.Unknown),
        ["preempts"] = Array(decision.Victims.Select(victim => (JsonNode?)new JsonObject
        {
            ["namespace"] = victim.Namespace,
            ["name"] = victim.Name,
            ["priority"] = victim.Priority,
        })),
    };

    private static JsonObject Problem(PlanProblem problem) => new()
    {
        ["severity"] = Name(problem.Severity),
        ["kind"] = Name(problem.Kind),
        ["group"] = problem.GroupId,
        ["nodes"] = Strings(problem.Nodes),
        ["agents"] = Strings(problem.Agents),
        ["message"] = problem.Message,
    };

    private static JsonObject Amounts(ResourceAmounts amounts) =>
        new() { ["cpuMillicores"] = amounts.MilliCpu, ["memoryBytes"] = amounts.MemoryBytes, ["pods"] = amounts.Pods };

    private static JsonArray Strings(IEnumerable<string> values) => Array(values.Select(value => (JsonNode?)value));

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    /// <summary>An enum value as <c>JsonStringEnumConverter(JsonNamingPolicy.CamelCase)</c> writes it.</summary>
    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
