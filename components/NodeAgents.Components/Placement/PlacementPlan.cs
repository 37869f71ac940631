namespace NodeAgents.Placement;

/// <summary>An agent as the plan shows it.</summary>
/// <param name="Name">The DaemonSet name.</param>
/// <param name="Namespace">The DaemonSet namespace.</param>
/// <param name="Role">The role (<c>app.kubernetes.io/component</c>), e.g. <c>logging</c>; empty when unlabelled.</param>
/// <param name="Requests">What one pod requests: CPU in millicores, memory in bytes, one pod slot.</param>
/// <param name="Priority">The pod priority used to decide which agent gets the room first (see <see cref="DaemonSetPlacement.Priority"/>).</param>
/// <param name="HostPorts">The node ports one pod binds.</param>
public sealed record PlanAgent(string Name, string Namespace, string Role, ResourceAmounts Requests, int Priority, IReadOnlyList<HostPort> HostPorts);

/// <summary>
/// Nodes that the plan cannot tell apart: same values of every label an agent or the policy reads (plus the
/// <c>node-role.kubernetes.io/*</c> labels and the operating system), same taints, same allocatable, and, only when an agent
/// selects by node name, the same name. They get the same decisions.
/// </summary>
/// <param name="Id">A short id in inventory order: <c>g1</c>, <c>g2</c>, …</param>
/// <param name="Description">Operating system, node roles and taints, e.g. <c>linux · master · node-role.kubernetes.io/master:NoSchedule</c>.</param>
/// <param name="Nodes">The node names, in inventory order.</param>
/// <param name="OperatingSystem">From <c>kubernetes.io/os</c>, else <c>beta.kubernetes.io/os</c>, else <c>status.nodeInfo.operatingSystem</c>, else <c>unknown</c>.</param>
/// <param name="Taints">The taints as <c>key=value:Effect</c>.</param>
/// <param name="Allocatable">The node's <c>status.allocatable</c> cpu (millicores), memory (bytes) and pods; a missing one is 0.</param>
/// <param name="Decisions">One decision per agent, in the order of <see cref="PlacementPlan.Agents"/>.</param>
/// <param name="AgentRequests">The sum of the requests of the agents that land (not the Pending ones).</param>
/// <param name="ExcludedBy">The coverage-policy exclude selector that matches these nodes, or null.</param>
/// <param name="RequiredRoles">The roles the policy requires on these nodes (empty when excluded).</param>
public sealed record NodeGroup(
    string Id,
    string Description,
    IReadOnlyList<string> Nodes,
    string OperatingSystem,
    IReadOnlyList<string> Taints,
    ResourceAmounts Allocatable,
    IReadOnlyList<PlacementDecision> Decisions,
    ResourceAmounts AgentRequests,
    string? ExcludedBy,
    IReadOnlyList<string> RequiredRoles)
{
    /// <summary>The nodes' <c>status.nodeInfo</c> facts the runtime checks read; <c>unknown</c> where not reported.</summary>
    public NodeInfoFacts NodeInfo { get; init; } = NodeInfoFacts.Unknown;

    /// <summary>
    /// What the pods already on the node request (the group is then one node), before any preemption; null when no pod list
    /// was given or none is bound to the node. CPU in millicores, memory in bytes.
    /// </summary>
    public ResourceAmounts? ExistingPods { get; init; }

    /// <summary>The agent tax on CPU: landed agents' CPU requests as a percentage of allocatable CPU (0 when nothing is allocatable).</summary>
    public double CpuTaxPercent => Percent(AgentRequests.MilliCpu, Allocatable.MilliCpu);

    /// <summary>The agent tax on memory, in percent of allocatable memory.</summary>
    public double MemoryTaxPercent => Percent(AgentRequests.MemoryBytes, Allocatable.MemoryBytes);

    /// <summary>The agent tax on pod slots, in percent of allocatable pods.</summary>
    public double PodTaxPercent => Percent(AgentRequests.Pods, Allocatable.Pods);

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}

/// <summary>A node group's <c>status.nodeInfo</c> as the plan shows it; each value <c>unknown</c> when the node does not report it.</summary>
/// <param name="KernelVersion">E.g. <c>5.4.0-1112-azure</c>.</param>
/// <param name="Architecture">E.g. <c>amd64</c>, <c>arm64</c>.</param>
/// <param name="ContainerRuntimeVersion">E.g. <c>containerd://1.7.1+azure-1</c>, <c>cri-o://1.17.3-1.rhaos4.4.el8</c>.</param>
/// <param name="OsImage">E.g. <c>Ubuntu 18.04.6 LTS</c>.</param>
public sealed record NodeInfoFacts(string KernelVersion, string Architecture, string ContainerRuntimeVersion, string OsImage)
{
    /// <summary>Every fact unknown.</summary>
    public static NodeInfoFacts Unknown { get; } = new("unknown", "unknown", "unknown", "unknown");

    /// <summary>The facts of <paramref name="info"/> (null: all unknown).</summary>
    public static NodeInfoFacts Of(k8s.Models.V1NodeSystemInfo? info) => new(
        Known(info?.KernelVersion), Known(info?.Architecture), Known(info?.ContainerRuntimeVersion), Known(info?.OsImage));

    private static string Known(string? value) => string.IsNullOrEmpty(value) ? "unknown" : value;
}

/// <summary>How bad a plan problem is.</summary>
public enum PlanSeverity
{
    /// <summary>Breaks the plan: exit code 1.</summary>
    Error,

    /// <summary>Worth a look; does not change the exit code.</summary>
    Warning,
}

/// <summary>The kinds of plan problems.</summary>
public enum PlanProblemKind
{
    /// <summary>Error: the policy requires a role on these nodes and no agent of that role lands there.</summary>
    CoverageGap,

    /// <summary>Error: an agent's pod would stay Pending for lack of allocatable cpu, memory or pod slots.</summary>
    Pending,

    /// <summary>Error: two agents landing on the same nodes bind the same host port and protocol.</summary>
    HostPortClash,

    /// <summary>Warning: an agent without a <c>kubernetes.io/os</c> selector lands on Windows nodes.</summary>
    WindowsLanding,

    /// <summary>Warning: an agent lands on nodes the policy excludes (virtual-kubelet, serverless, opted-out nodes).</summary>
    ExcludedLanding,

    /// <summary>Error: an agent's pod is created but will not run there (kernel too old, architecture not published).</summary>
    WillNotRun,

    /// <summary>Warning: an agent's pod runs there, but degraded (e.g. the runtime socket it mounts is not there).</summary>
    RunsDegraded,

    /// <summary>Warning: an agent fits only by preempting (evicting) lower-priority pods already on the node.</summary>
    Preempts,

    /// <summary>Warning (or as the budget says): the agents' requests take more of a group's allocatable than the coverage policy's budget.</summary>
    OverBudget,

    /// <summary>Warning: the nodes do not report a fact an agent's requirement needs (<c>status.nodeInfo</c>): it was not checked.</summary>
    RuntimeFactUnknown,
}

/// <summary>One finding of the plan, for one node group.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Kind">What kind of finding.</param>
/// <param name="GroupId">The node group (<see cref="NodeGroup.Id"/>).</param>
/// <param name="Nodes">The group's node names.</param>
/// <param name="Agents">The agents involved (two for a host-port clash).</param>
/// <param name="Message">A sentence naming the agents, the nodes' group and the rule.</param>
public sealed record PlanProblem(PlanSeverity Severity, PlanProblemKind Kind, string GroupId, IReadOnlyList<string> Nodes, IReadOnlyList<string> Agents, string Message);

/// <summary>The placement plan: the agents, the node groups with one decision per agent, and the problems.</summary>
/// <param name="agents">The agents, in the order given.</param>
/// <param name="groups">The node groups, in inventory order of their first node.</param>
/// <param name="problems">Errors first, then warnings, each in group order.</param>
public sealed class PlacementPlan(IReadOnlyList<PlanAgent> agents, IReadOnlyList<NodeGroup> groups, IReadOnlyList<PlanProblem> problems)
{
    private Dictionary<string, NodeGroup>? byNode;

    /// <summary>The agents, in the order given.</summary>
    public IReadOnlyList<PlanAgent> Agents { get; } = agents;

    /// <summary>The node groups, in inventory order of their first node.</summary>
    public IReadOnlyList<NodeGroup> Groups { get; } = groups;

    /// <summary>Errors first, then warnings, each in group order.</summary>
    public IReadOnlyList<PlanProblem> Problems { get; } = problems;

    /// <summary>How many nodes the inventory holds.</summary>
    public int NodeCount => Groups.Sum(group => group.Nodes.Count);

    /// <summary>
    /// The indices of <see cref="Agents"/> in the order the planner fits them on each node: higher
    /// <see cref="PlanAgent.Priority"/> first (the scheduler's queue pops higher-priority pods first), then the order given.
    /// The findings and the per-group reasons follow it, so each reason's free amount follows from the ones before it.
    /// </summary>
    public IReadOnlyList<int> FitOrder => FitOrderOf(Agents.Select(agent => agent.Priority).ToList());

    /// <summary>Indices of <paramref name="priorities"/>: descending priority, then ascending index (see <see cref="FitOrder"/>).</summary>
    internal static IReadOnlyList<int> FitOrderOf(IReadOnlyList<int> priorities) =>
        Enumerable.Range(0, priorities.Count).OrderByDescending(index => priorities[index]).ThenBy(index => index).ToList();

    /// <summary>True when any problem is an error (exit code 1).</summary>
    public bool HasErrors => Problems.Any(problem => problem.Severity == PlanSeverity.Error);

    /// <summary>The group of the node named <paramref name="node"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public NodeGroup GroupOf(string node)
    {
        byNode ??= Groups.SelectMany(group => group.Nodes.Select(name => (name, group))).ToDictionary(pair => pair.name, pair => pair.group, StringComparer.Ordinal);
        return byNode[node];
    }

    /// <summary>The decision for the agent named <paramref name="agent"/> on the node named <paramref name="node"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such agent or node.</exception>
    public PlacementDecision DecisionFor(string agent, string node)
    {
        var index = Agents.Select((candidate, position) => (candidate, position)).FirstOrDefault(pair => pair.candidate.Name == agent);
        return index.candidate is null ? throw new KeyNotFoundException($"no agent '{agent}'") : GroupOf(node).Decisions[index.position];
    }
}
