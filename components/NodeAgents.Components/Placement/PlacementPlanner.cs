using NodeAgents.Input;
using k8s.Models;
using NodeAgents.Building;

namespace NodeAgents.Placement;

/// <summary>
/// Plans where the agents land on a node inventory before anything is deployed. Data flows one way: the built DaemonSets
/// (what <c>render</c> writes) and the nodes go in, a <see cref="PlacementPlan"/> comes out. Per node group:
/// <list type="number">
/// <item>the DaemonSet controller's decision per agent (<see cref="DaemonSetPlacement.ShouldRun"/>);</item>
/// <item>fit: the pods the controller creates, taken by descending priority then in agent order, must fit in the node's
/// allocatable cpu, memory and pods (the scheduler's NodeResourcesFit); those that do not stay Pending
/// (<see cref="PlacementOutcome.DoesNotFit"/>), unless their priority lets them preempt lower-priority pods
/// (<see cref="PlacementOutcome.Preempts"/>, see <see cref="Preemption"/>). The pods already on a node count when given
/// (<see cref="PodInventory"/>); otherwise only agents are counted;</item>
/// <item>the findings of <see cref="PlanFindings"/>: coverage gaps, Pending pods, host-port clashes, Windows and excluded landings.</item>
/// </list>
/// </summary>
public static class PlacementPlanner
{
    /// <summary>Plans the DaemonSets of <paramref name="manifests"/> on <paramref name="nodes"/> under <paramref name="policy"/>.</summary>
    /// <exception cref="FormatException">A policy selector does not parse (bound policies are checked before, see <see cref="CoveragePolicy.Check"/>).</exception>
    /// <exception cref="ArgumentException">A request out of range (see <see cref="DaemonSetPlacement.For"/>); the problems of every DaemonSet, one per line.</exception>
    /// <param name="manifests">The agents' objects.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="policy">The coverage policy.</param>
    /// <param name="pods">The pods already on the nodes, by node name (see <see cref="PodInventory"/>); null when unknown.</param>
    /// <param name="priorityClasses">The cluster's priority classes; null: only the built-in ones.</param>
    public static PlacementPlan Plan(ManifestSet manifests, IEnumerable<V1Node> nodes, CoveragePolicy policy, IReadOnlyDictionary<string, NodePods>? pods = null, PriorityClasses? priorityClasses = null) =>
        Plan(manifests.Agents.Select(agent => agent.Objects.DaemonSet), nodes, policy, pods, priorityClasses);

    /// <summary>Plans <paramref name="daemonSets"/> on <paramref name="nodes"/> (read once, in order) under <paramref name="policy"/>.</summary>
    /// <exception cref="FormatException">A policy selector does not parse.</exception>
    /// <exception cref="ArgumentException">A DaemonSet has no pod template spec or a request out of range (see <see cref="DaemonSetPlacement.For"/>); the problems of every DaemonSet, one per line.</exception>
    /// <param name="daemonSets">The DaemonSets.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="policy">The coverage policy.</param>
    /// <param name="pods">The pods already on the nodes, by node name; null when unknown.</param>
    /// <param name="priorityClasses">The cluster's priority classes; null: only the built-in ones.</param>
    public static PlacementPlan Plan(IEnumerable<V1DaemonSet> daemonSets, IEnumerable<V1Node> nodes, CoveragePolicy policy, IReadOnlyDictionary<string, NodePods>? pods = null, PriorityClasses? priorityClasses = null) =>
        Plan(daemonSets, _ => nodes.Select(node => (NodeView)new TypedNodeView(node)), policy, pods, priorityClasses);

    /// <summary>
    /// Plans the DaemonSets of <paramref name="manifests"/> on the inventory at <paramref name="inventoryPath"/> (a file or
    /// folder, see <see cref="NodeInventory"/>), streamed: only the first node of each group is deserialized.
    /// </summary>
    /// <exception cref="InputException">The inventory cannot be read; every problem, after the whole inventory was read.</exception>
    /// <exception cref="FormatException">A policy selector does not parse.</exception>
    /// <exception cref="ArgumentException">A request out of range (see <see cref="DaemonSetPlacement.For"/>); the problems of every DaemonSet, one per line.</exception>
    /// <param name="manifests">The agents' objects.</param>
    /// <param name="inventoryPath">The node inventory.</param>
    /// <param name="policy">The coverage policy.</param>
    /// <param name="pods">The pods already on the nodes, by node name; null when unknown.</param>
    /// <param name="priorityClasses">The cluster's priority classes; null: only the built-in ones.</param>
    public static PlacementPlan Plan(ManifestSet manifests, string inventoryPath, CoveragePolicy policy, IReadOnlyDictionary<string, NodePods>? pods = null, PriorityClasses? priorityClasses = null) =>
        Plan(manifests.Agents.Select(agent => agent.Objects.DaemonSet), inventoryPath, policy, pods, priorityClasses);

    /// <summary>Plans <paramref name="daemonSets"/> on the inventory at <paramref name="inventoryPath"/>, streamed.</summary>
    /// <exception cref="InputException">The inventory cannot be read; every problem, after the whole inventory was read.</exception>
    /// <exception cref="FormatException">A policy selector does not parse.</exception>
    /// <exception cref="ArgumentException">A DaemonSet has no pod template spec or a request out of range (see <see cref="DaemonSetPlacement.For"/>); the problems of every DaemonSet, one per line.</exception>
    /// <param name="daemonSets">The DaemonSets.</param>
    /// <param name="inventoryPath">The node inventory.</param>
    /// <param name="policy">The coverage policy.</param>
    /// <param name="pods">The pods already on the nodes, by node name; null when unknown.</param>
    /// <param name="priorityClasses">The cluster's priority classes; null: only the built-in ones.</param>
    public static PlacementPlan Plan(IEnumerable<V1DaemonSet> daemonSets, string inventoryPath, CoveragePolicy policy, IReadOnlyDictionary<string, NodePods>? pods = null, PriorityClasses? priorityClasses = null) =>
        Plan(daemonSets, labelKeys => NodeInventory.Views(inventoryPath, labelKeys), policy, pods, priorityClasses);

    /// <summary>Plans with the nodes that <paramref name="nodes"/> yields for the label keys the rules read.</summary>
    private static PlacementPlan Plan(IEnumerable<V1DaemonSet> daemonSets, Func<IReadOnlyList<string>, IEnumerable<NodeView>> nodes, CoveragePolicy policy, IReadOnlyDictionary<string, NodePods>? pods, PriorityClasses? priorityClasses)
    {
        var placements = new List<DaemonSetPlacement>();
        var invalid = new List<string>();
        foreach (var daemonSet in daemonSets)
        {
            try
            {
                placements.Add(DaemonSetPlacement.For(daemonSet));
            }
            catch (ArgumentException error)
            {
                invalid.Add(error.Message);
            }
        }

        if (invalid.Count > 0)
        {
            // Every DaemonSet's problems at once, one per line.
            throw new ArgumentException(string.Join("\n", invalid));
        }

        if (priorityClasses is not null)
        {
            foreach (var placement in placements)
            {
                placement.UsePriorityClasses(priorityClasses);
            }
        }

        // DaemonSets of one name in different namespaces (a stack's agent and the same upstream agent from --manifests)
        // are told apart as NAMESPACE/NAME everywhere the plan names them.
        foreach (var same in placements.GroupBy(placement => placement.Name, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            foreach (var placement in same)
            {
                placement.DisplayName = $"{placement.Namespace}/{placement.Name}";
            }
        }

        var compiled = CompiledPolicy.From(policy);
        var labelKeys = placements.SelectMany(placement => placement.Affinity.LabelKeys)
            .Concat(compiled.LabelKeys)
            .Append("kubernetes.io/os")
            .Append("beta.kubernetes.io/os")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        // A node with pods of its own is its own group: what is left on it is its own.
        var readsName = placements.Any(placement => placement.ReadsNodeName);
        var planned = NodeGrouping.Build(nodes(labelKeys), labelKeys, name => readsName || (pods?.ContainsKey(name) ?? false),
            (index, representative, names) => PlanGroup($"g{index + 1}", representative, names, placements, compiled, pods?.GetValueOrDefault(representative.Metadata?.Name ?? "")));

        var agents = placements.Select(placement => new PlanAgent(placement.DisplayName, placement.Namespace, placement.Role, placement.Requests, placement.Priority, placement.HostPorts)).ToList();

        var problems = PlanFindings.Find(agents, placements, planned).Concat(policy.Budget?.Find(planned, PlanFindings.Where) ?? [])
            .OrderBy(problem => problem.Severity) // errors first, each severity in the order found (stable)
            .ToList();
        return new PlacementPlan(agents, planned, problems);
    }

    private static NodeGroup PlanGroup(string id, V1Node node, List<string> names, List<DaemonSetPlacement> placements, CompiledPolicy policy, NodePods? existing)
    {
        var decisions = placements.Select(placement => placement.ShouldRun(node)).ToArray();
        var reportsAllocatable = node.Status?.Allocatable is { Count: > 0 };
        var allocatable = ResourceAmounts.From(node.Status?.Allocatable);
        // The pods already bound to the node hold their requests (the scheduler's NodeInfo.Requested).
        var used = existing?.Requests ?? ResourceAmounts.Zero;
        var evictable = existing?.Pods.ToList() ?? [];
        var agentsTake = ResourceAmounts.Zero;
        var placed = new List<int>();
        var order = PlacementPlan.FitOrderOf(placements.Select(placement => placement.Priority).ToList())
            .Where(index => decisions[index].Outcome == PlacementOutcome.Lands);
        foreach (var index in order)
        {
            // The scheduler's NodePorts filter: a port bound by a pod placed before this one keeps this one Pending.
            var holder = placed.FirstOrDefault(other => placements[other].HostPorts.Any(port => placements[index].HostPorts.Any(port.ClashesWith)), -1);
            if (holder >= 0)
            {
                var port = placements[holder].HostPorts.First(port => placements[index].HostPorts.Any(port.ClashesWith));
                decisions[index] = new PlacementDecision(PlacementOutcome.DoesNotFit, $"host port {port} is already bound by {placements[holder].DisplayName}")
                {
                    HostPortHeldBy = placements[holder].DisplayName,
                    HostPort = port,
                };
                continue;
            }

            // The same filter against the pods already on the node (their host ports as the API stored them).
            var ports = placements[index].HostPorts;
            bool HoldsPort(BoundPod pod) => ports.Count > 0 && pod.HostPorts.Any(held => ports.Any(port => port.ClashesWith(new HostPort(held.Port, held.Protocol, held.HostIP))));
            var portHolder = evictable.FindIndex(HoldsPort);
            var portReason = portHolder < 0 ? null : PortReason(ports, evictable[portHolder]);
            var next = used + placements[index].Requests;
            if (portReason is null && next.FitsIn(allocatable))
            {
                used = next;
                agentsTake += placements[index].Requests;
                placed.Add(index);
            }
            else if (reportsAllocatable && Preemption.Victims(placements[index].Priority, placements[index].Requests, allocatable, used, evictable, HoldsPort) is { } victims)
            {
                var reason = portReason ?? Shortfall(placements[index].Requests, allocatable, used, placed.Count > 0, existing is not null);
                decisions[index] = new PlacementDecision(PlacementOutcome.Preempts,
                    $"{reason}; priority {placements[index].Priority} preempts {victims.Count} lower-priority pod{(victims.Count == 1 ? "" : "s")}: "
                    + string.Join(", ", victims.Select(victim => $"{victim.Namespace}/{victim.Name} (priority {victim.Priority})"))
                    + " (PodDisruptionBudgets not read)")
                {
                    Victims = victims,
                };
                used = victims.Aggregate(used, (sum, victim) => sum - victim.Requests) + placements[index].Requests;
                evictable.RemoveAll(pod => victims.Contains(pod));
                agentsTake += placements[index].Requests;
                placed.Add(index);
            }
            else
            {
                decisions[index] = new PlacementDecision(PlacementOutcome.DoesNotFit, portReason
                    ?? (reportsAllocatable
                        ? Shortfall(placements[index].Requests, allocatable, used, placed.Count > 0, existing is not null)
                        : "the node reports no status.allocatable, which the scheduler counts as 0 cpu, 0 memory and 0 pods"));
            }
        }

        RuntimeOutcomes.Apply(decisions, placements, node);
        var os = NodeGrouping.OperatingSystem(node);
        var taints = (node.Spec?.Taints ?? []).Select(TaintToleration.Format).ToList();
        var excludedBy = policy.ExcludedBy(node);
        var required = excludedBy is null ? policy.RequiredRoles(node) : [];
        var description = string.Join(" · ", new[] { os, string.Join("+", NodeGrouping.Roles(node)), taints.Count == 0 ? "no taints" : string.Join(", ", taints) }
            .Where(part => part.Length > 0));
        return new NodeGroup(id, description, names, os, taints, allocatable, decisions, agentsTake, excludedBy, required)
        {
            NodeInfo = NodeInfoFacts.Of(node.Status?.NodeInfo),
            ExistingPods = existing is null ? null : existing.Requests,
        };
    }

    /// <summary>The scheduler's NodePorts reason with the port and the pod already on the node that binds it.</summary>
    private static string PortReason(IReadOnlyList<HostPort> ports, BoundPod holder)
    {
        var held = holder.HostPorts.Select(port => new HostPort(port.Port, port.Protocol, port.HostIP)).First(port => ports.Any(port.ClashesWith));
        return $"node(s) didn't have free ports for the requested pod ports: host port {held} is bound by pod {holder.Namespace}/{holder.Name}";
    }

    /// <summary>The scheduler's NodeResourcesFit reasons ("Insufficient cpu", "Insufficient memory", "Too many pods") with the amounts.</summary>
    private static string Shortfall(ResourceAmounts needs, ResourceAmounts allocatable, ResourceAmounts used, bool afterOthers, bool withPods)
    {
        var missing = new List<string>();
        if (used.MilliCpu + needs.MilliCpu > allocatable.MilliCpu)
        {
            missing.Add($"cpu {ResourceAmounts.FormatCpu(needs.MilliCpu)} (free {ResourceAmounts.FormatCpu(Math.Max(0, allocatable.MilliCpu - used.MilliCpu))} of {ResourceAmounts.FormatCpu(allocatable.MilliCpu)})");
        }

        if (used.MemoryBytes + needs.MemoryBytes > allocatable.MemoryBytes)
        {
            missing.Add($"memory {ResourceAmounts.FormatMemory(needs.MemoryBytes)} (free {ResourceAmounts.FormatMemory(Math.Max(0, allocatable.MemoryBytes - used.MemoryBytes))} of {ResourceAmounts.FormatMemory(allocatable.MemoryBytes)})");
        }

        var text = missing.Count == 0 ? "" : "Insufficient " + string.Join(", ", missing);
        if (used.Pods + needs.Pods > allocatable.Pods)
        {
            text += (text.Length == 0 ? "" : "; ") + $"Too many pods (free {Math.Max(0, allocatable.Pods - used.Pods)} of {allocatable.Pods})";
        }

        return text + (withPods ? " next to the pods already on the node" : "")
            + (afterOthers ? (withPods ? " and" : " next to") + " the agents placed before it (higher priority first)" : "");
    }

    /// <summary>The coverage policy with its selectors parsed once.</summary>
    private sealed record CompiledPolicy(List<(string Role, RequiredNodeAffinity? Selector)> Required, List<(string Text, RequiredNodeAffinity? Selector)> Exclude, List<string> LabelKeys)
    {
        public static CompiledPolicy From(CoveragePolicy policy)
        {
            var required = policy.Required.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => (pair.Key, Selector(pair.Value)))
                .ToList();
            var exclude = policy.Exclude
                .Select(text => (text, Selector(text)))
                .ToList();
            var keys = required.Select(pair => pair.Item2).Concat(exclude.Select(pair => pair.Item2))
                .OfType<RequiredNodeAffinity>()
                .SelectMany(selector => selector.LabelKeys)
                .ToList();
            return new CompiledPolicy(required, exclude, keys);
        }

        public string? ExcludedBy(V1Node node) => Exclude.FirstOrDefault(pair => pair.Selector is null || pair.Selector.Matches(node, out _)).Text;

        public List<string> RequiredRoles(V1Node node) =>
            Required.Where(pair => pair.Selector is null || pair.Selector.Matches(node, out _)).Select(pair => pair.Role).ToList();

        private static RequiredNodeAffinity? Selector(string text) =>
            LabelSelectorText.Parse(text) is { } term ? RequiredNodeAffinity.ForTerms([term]) : null;
    }
}
