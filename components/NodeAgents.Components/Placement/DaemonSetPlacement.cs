using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Placement;

/// <summary>
/// One DaemonSet as the DaemonSet controller sees it, prepared once and asked for many nodes: the pod the controller would
/// create (template plus the tolerations of <see cref="DaemonPodTolerations"/>), its required node constraints, requests
/// and host ports. <see cref="ShouldRun"/> follows kubernetes/kubernetes <c>pkg/controller/daemon</c>
/// <c>NodeShouldRunDaemonPod</c> and its <c>predicates</c>.
/// </summary>
public sealed class DaemonSetPlacement
{
    /// <summary>The value of the built-in priority class <c>system-node-critical</c>.</summary>
    public const int SystemNodeCritical = 2_000_001_000;

    /// <summary>The value of the built-in priority class <c>system-cluster-critical</c>.</summary>
    public const int SystemClusterCritical = 2_000_000_000;

    private readonly string? nodeName;

    private DaemonSetPlacement(V1DaemonSet daemonSet)
    {
        var pod = daemonSet.Spec?.Template?.Spec ?? throw new ArgumentException("the DaemonSet has no spec.template.spec", nameof(daemonSet));
        Name = daemonSet.Metadata?.Name ?? "";
        Namespace = daemonSet.Metadata?.NamespaceProperty ?? "";
        DisplayName = Name;
        Role = daemonSet.Metadata?.Labels is { } labels && labels.TryGetValue("app.kubernetes.io/component", out var role) ? role : "";
        nodeName = string.IsNullOrEmpty(pod.NodeName) ? null : pod.NodeName;
        Tolerations = DaemonPodTolerations.Apply(pod);
        Affinity = RequiredNodeAffinity.For(pod);
        try
        {
            Requests = PodRequests.Of(pod);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"DaemonSet {Name}, {error.Message}", error);
        }

        HostPorts = HostPort.Of(pod);
        Requirements = RequirementsOf(daemonSet);
        PriorityClassName = pod.PriorityClassName;
        fixedPriority = pod.Priority is not null;
        Priority = pod.Priority ?? pod.PriorityClassName switch
        {
            "system-node-critical" => SystemNodeCritical,
            "system-cluster-critical" => SystemClusterCritical,
            _ => 0,
        };
        ConstrainsOperatingSystem = Affinity.Mentions("kubernetes.io/os") || Affinity.Mentions("beta.kubernetes.io/os");
        ReadsNodeName = nodeName is not null || Affinity.ReadsNodeName;
    }

    /// <summary>The DaemonSet's name.</summary>
    public string Name { get; }

    /// <summary>How the plan names it: <see cref="Name"/>, or <c>NAMESPACE/NAME</c> when another planned DaemonSet has the same name.</summary>
    public string DisplayName { get; internal set; }

    /// <summary>The DaemonSet's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The role, from the <c>app.kubernetes.io/component</c> label (<c>logging</c>, <c>monitoring</c>, …); empty without it.</summary>
    public string Role { get; }

    /// <summary>The pod's tolerations including the ones the controller adds.</summary>
    public IReadOnlyList<V1Toleration> Tolerations { get; }

    /// <summary>The pod's nodeSelector and required node affinity.</summary>
    public RequiredNodeAffinity Affinity { get; }

    /// <summary>What one pod requests (CPU in millicores, memory in bytes, one pod slot); see <see cref="PodRequests"/>.</summary>
    public ResourceAmounts Requests { get; }

    /// <summary>What the pod needs of the node's kernel, architecture and runtime (the <c>nodeagents.io/requires</c> annotation); empty without it.</summary>
    public NodeRequirements Requirements { get; }

    /// <summary>The node ports the pod binds.</summary>
    public IReadOnlyList<HostPort> HostPorts { get; }

    /// <summary>
    /// The pod priority: <c>spec.priority</c> when set, else the value of the class named by <c>priorityClassName</c>
    /// (the built-in <see cref="SystemNodeCritical"/> and <see cref="SystemClusterCritical"/>, or the cluster's classes,
    /// see <see cref="UsePriorityClasses"/>), else 0.
    /// </summary>
    public int Priority { get; private set; }

    /// <summary>The pod template's <c>priorityClassName</c>, or null.</summary>
    public string? PriorityClassName { get; }

    /// <summary>True when the template sets <c>spec.priority</c> itself (the classes then do not apply).</summary>
    private bool fixedPriority;

    /// <summary>Resolves <see cref="Priority"/> with the cluster's <paramref name="classes"/> (the template's own priority wins).</summary>
    public void UsePriorityClasses(PriorityClasses classes)
    {
        if (!fixedPriority)
        {
            Priority = classes.Resolve(PriorityClassName);
        }
    }

    /// <summary>True when the nodeSelector or required affinity names <c>kubernetes.io/os</c> (or its beta twin).</summary>
    public bool ConstrainsOperatingSystem { get; }

    /// <summary>True when the decision depends on the node's name (<c>nodeName</c> or matchFields).</summary>
    public bool ReadsNodeName { get; }

    private static NodeRequirements RequirementsOf(V1DaemonSet daemonSet)
    {
        if (daemonSet.Metadata?.Annotations is not { } annotations || !annotations.TryGetValue(NodeRequirements.Annotation, out var text))
        {
            return new NodeRequirements();
        }

        return NodeRequirements.TryParse(text ?? "", out var requirements, out var error)
            ? requirements
            : throw new ArgumentException($"DaemonSet {daemonSet.Metadata?.Name}, metadata.annotations[{NodeRequirements.Annotation}]: {error}");
    }

    /// <summary>Prepares <paramref name="daemonSet"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The DaemonSet has no pod template spec, its <c>nodeagents.io/requires</c> annotation does not parse, or a request is out of range (<see cref="PodRequests.Of(V1PodSpec)"/>); the message starts
    /// with <c>DaemonSet NAME, </c>.
    /// </exception>
    public static DaemonSetPlacement For(V1DaemonSet daemonSet) => new(daemonSet);

    /// <summary>
    /// Whether the controller runs a pod of this DaemonSet on <paramref name="node"/> (resources are not its concern: see
    /// <see cref="PlacementOutcome.DoesNotFit"/>). In order: a template <c>nodeName</c> must equal the node's name; the
    /// nodeSelector and required node affinity must match (<see cref="RequiredNodeAffinity"/>); every taint with effect
    /// NoSchedule or NoExecute must be tolerated (PreferNoSchedule never blocks). Node conditions and
    /// <c>spec.unschedulable</c> are not read: the controller only sees their taints, which its added tolerations cover.
    /// </summary>
    /// <returns><see cref="PlacementOutcome.Lands"/>, <see cref="PlacementOutcome.ExcludedBySelector"/> or <see cref="PlacementOutcome.BlockedByTaint"/> with the reason.</returns>
    public PlacementDecision ShouldRun(V1Node node)
    {
        var name = node.Metadata?.Name ?? "";
        if (nodeName is not null && nodeName != name)
        {
            return new PlacementDecision(PlacementOutcome.ExcludedBySelector, $"spec.nodeName is {nodeName}");
        }

        if (!Affinity.Matches(node, out var reason))
        {
            return new PlacementDecision(PlacementOutcome.ExcludedBySelector, reason!);
        }

        var taint = TaintToleration.FindUntolerated(node.Spec?.Taints, Tolerations, t => t.Effect is "NoSchedule" or "NoExecute");
        return taint is null
            ? PlacementDecision.Lands
            : new PlacementDecision(PlacementOutcome.BlockedByTaint, $"taint {TaintToleration.Format(taint)} is not tolerated");
    }
}
