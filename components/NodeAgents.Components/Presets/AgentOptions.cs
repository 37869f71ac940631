using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Presets;

/// <summary>
/// Overrides every preset accepts. Each property left null keeps the preset's default; a set property replaces it
/// (<see cref="Env"/> and <see cref="Labels"/> are added to the preset's). Stack config binds onto these properties
/// under their camelCase names.
/// </summary>
public abstract record AgentOptions
{
    /// <summary>The agent's name (DaemonSet, ServiceAccount, RBAC objects). Default: the preset's, e.g. <c>fluent-bit</c>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The namespace. Default: the preset's, <c>node-agents</c> for all but the network agent, which is pinned to
    /// <c>kube-system</c> (see <see cref="NodeAgentSpec.NamespacePinned"/>); setting it here overrides a pinned namespace too.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>The container image. Default: the upstream image and tag of the preset.</summary>
    public ImageReference? Image { get; init; }

    /// <summary>The container's imagePullPolicy. Default <c>IfNotPresent</c>.</summary>
    public string? ImagePullPolicy { get; init; }

    /// <summary>Requests and limits (cpu, memory). Default: the preset's. When set, it replaces the preset's whole block (requests and limits), not one quantity.</summary>
    public V1ResourceRequirements? Resources { get; init; }

    /// <summary>Extra environment variables, added after the preset's.</summary>
    public IReadOnlyList<V1EnvVar>? Env { get; init; }

    /// <summary>The nodeSelector. Default: the preset's (<c>kubernetes.io/os: linux</c> for the Linux presets, <c>kubernetes.io/os: windows</c> for the Windows ones).</summary>
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    /// <summary>The tolerations. Default: the preset's.</summary>
    public IReadOnlyList<V1Toleration>? Tolerations { get; init; }

    /// <summary>
    /// Required and preferred node affinity. Required terms are ANDed with the preset's guard (each term gets the guard's
    /// expressions, see <see cref="NodeAffinityComposition"/>) unless <see cref="NodeGuard"/> is false; preferred terms
    /// replace the preset's. Default: none, the preset's affinity alone.
    /// </summary>
    public V1NodeAffinity? NodeAffinity { get; init; }

    /// <summary>
    /// Keeps the preset's required node affinity (the guard that keeps agents off virtual-kubelet nodes, EKS Fargate nodes
    /// and nodes labelled <c>node-agents.io/opt-out</c>). Default: null, meaning true; false drops it explicitly.
    /// </summary>
    public bool? NodeGuard { get; init; }

    /// <summary>The pod's priorityClassName. Default: the preset's.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>The pod's terminationGracePeriodSeconds (seconds). Default: the preset's.</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>The DaemonSet's updateStrategy. Default: the preset's.</summary>
    public V1DaemonSetUpdateStrategy? UpdateStrategy { get; init; }

    /// <summary>The DaemonSet's minReadySeconds (seconds). Default 0.</summary>
    public int? MinReadySeconds { get; init; }

    /// <summary>
    /// How long <c>pulumi up</c> waits for the DaemonSet's rollout, as a Go duration (<c>30m</c>, <c>1h30m</c>; at least
    /// 1s, at most 24h). Default: the Kubernetes provider's 10 minutes. See <see cref="Model.RolloutTimeout"/>.
    /// </summary>
    public string? RolloutTimeout { get; init; }

    /// <summary>The DaemonSet's revisionHistoryLimit. Default 10.</summary>
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>Extra labels on every object of the agent (never in the selector).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Extra pod-template annotations.</summary>
    public IReadOnlyDictionary<string, string>? PodAnnotations { get; init; }

    /// <summary>
    /// Checks the options that the Kubernetes objects alone cannot reveal (values written into config files and
    /// arguments, enumerations) and returns every problem, empty when valid. Kubernetes fields are checked later by the
    /// manifest validator. Extra labels may not set the recommended <c>app.kubernetes.io/*</c> labels the tool manages.
    /// </summary>
    public virtual IReadOnlyList<OptionProblem> Check()
    {
        var problems = new List<OptionProblem>();
        foreach (var key in (Labels?.Keys ?? []).Where(key => key.StartsWith("app.kubernetes.io/", StringComparison.Ordinal)))
        {
            problems.Add(new OptionProblem($"labels.{key}", "the app.kubernetes.io/* labels are set by the tool (name, instance, component, part-of, managed-by, version); use another key"));
        }

        if (RolloutTimeout is not null)
        {
            Model.RolloutTimeout.Parse(RolloutTimeout, out var timeoutProblem);
            if (timeoutProblem is not null)
            {
                problems.Add(new OptionProblem("rolloutTimeout", timeoutProblem));
            }
        }

        foreach (var key in (PodAnnotations?.Keys ?? []).Where(key => key.StartsWith("nodeagents.io/", StringComparison.Ordinal)))
        {
            problems.Add(new OptionProblem($"podAnnotations.{key}", "the nodeagents.io/* annotations are set by the tool (e.g. the config checksum); use another key"));
        }

        return problems;
    }

    /// <summary>Applies the overrides that are set to a preset's <paramref name="spec"/>.</summary>
    public NodeAgentSpec ApplyTo(NodeAgentSpec spec) => spec with
    {
        Name = Name ?? spec.Name,
        Namespace = Namespace ?? spec.Namespace,
        Image = Image ?? spec.Image,
        ImagePullPolicy = ImagePullPolicy ?? spec.ImagePullPolicy,
        Resources = Resources ?? spec.Resources,
        Env = Env is null ? spec.Env : [.. spec.Env, .. Env],
        NodeSelector = NodeSelector ?? spec.NodeSelector,
        Tolerations = Tolerations ?? spec.Tolerations,
        NodeAffinity = NodeAffinityComposition.Compose(spec.NodeAffinity, NodeAffinity, NodeGuard ?? true),
        PriorityClassName = PriorityClassName ?? spec.PriorityClassName,
        TerminationGracePeriodSeconds = TerminationGracePeriodSeconds ?? spec.TerminationGracePeriodSeconds,
        UpdateStrategy = UpdateStrategy ?? spec.UpdateStrategy,
        MinReadySeconds = MinReadySeconds ?? spec.MinReadySeconds,
        RolloutTimeout = RolloutTimeout is null ? spec.RolloutTimeout : Model.RolloutTimeout.Parse(RolloutTimeout, out _) ?? spec.RolloutTimeout,
        RevisionHistoryLimit = RevisionHistoryLimit ?? spec.RevisionHistoryLimit,
        ExtraLabels = Labels is null ? spec.ExtraLabels : Merge(spec.ExtraLabels, Labels),
        PodAnnotations = PodAnnotations is null ? spec.PodAnnotations : Merge(spec.PodAnnotations, PodAnnotations),
    };

    private static SortedDictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> second)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in first.Concat(second))
        {
            merged[key] = value;
        }

        return merged;
    }
}
