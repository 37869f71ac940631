using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Presets.Custom;

/// <summary>
/// A node agent described entirely by config (no preset): every <see cref="NodeAgentSpec"/> field plus init containers,
/// sidecars, extra volumes and their mounts, imagePullSecrets, DaemonSet labels and annotations, the pod securityContext,
/// hostIPC, dnsConfig and a startup probe, in the Kubernetes API's own shapes (<c>k8s.Models</c>). Built by
/// <see cref="CustomAgent.Build"/> with the same secure defaults as the presets, relaxed only field by field.
/// </summary>
public sealed record CustomAgentOptions : AgentOptions
{
    /// <summary>The role (<c>app.kubernetes.io/component</c>, what a coverage policy requires): any DNS-1123 label. Required.</summary>
    public string? Role { get; init; }

    /// <summary>The agent container's <c>command</c>. Default: the image's entrypoint.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The agent container's <c>args</c>. Default: none.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>The agent container's ports. Default: none.</summary>
    public IReadOnlyList<V1ContainerPort>? Ports { get; init; }

    /// <summary>The agent container's liveness probe. Default: none.</summary>
    public V1Probe? LivenessProbe { get; init; }

    /// <summary>The agent container's readiness probe. Default: none.</summary>
    public V1Probe? ReadinessProbe { get; init; }

    /// <summary>The agent container's startup probe. Default: none.</summary>
    public V1Probe? StartupProbe { get; init; }

    /// <summary>
    /// The agent container's securityContext, laid field by field over <see cref="SecureDefaults.ContainerSecurityContext"/>:
    /// a field given here replaces that one default, the others stay. Default: the secure defaults alone.
    /// </summary>
    public V1SecurityContext? SecurityContext { get; init; }

    /// <summary>The pod's securityContext. Default: none.</summary>
    public V1PodSecurityContext? PodSecurityContext { get; init; }

    /// <summary>Runs the pod in the node's network namespace. Default false.</summary>
    public bool? HostNetwork { get; init; }

    /// <summary>Runs the pod in the node's PID namespace. Default false.</summary>
    public bool? HostPID { get; init; }

    /// <summary>Runs the pod in the node's IPC namespace. Default false.</summary>
    public bool? HostIPC { get; init; }

    /// <summary>
    /// The pod's <c>spec.os.name</c>: <c>linux</c> or <c>windows</c> (<see cref="NodeAgentSpec.Os"/>). With <c>windows</c>
    /// the containers get no Linux secure defaults, which the API server rejects on a Windows pod (k8s.io/kubernetes
    /// pkg/apis/core/validation validateWindows): their securityContext holds only what is given. Default: none.
    /// </summary>
    public string? Os { get; init; }

    /// <summary>The valid values of <see cref="Os"/>.</summary>
    public static IReadOnlyList<string> OsNames { get; } = ["linux", "windows"];

    /// <summary>The pod's dnsPolicy. Default: <c>ClusterFirstWithHostNet</c> with hostNetwork, else <c>ClusterFirst</c>.</summary>
    public string? DnsPolicy { get; init; }

    /// <summary>The pod's dnsConfig. Default: none.</summary>
    public V1PodDNSConfig? DnsConfig { get; init; }

    /// <summary>Config files (file name → content) for the ConfigMap <c>&lt;name&gt;-config</c>. Default: none.</summary>
    public IReadOnlyDictionary<string, string>? ConfigFiles { get; init; }

    /// <summary>Where <see cref="ConfigFiles"/> are mounted (one directory, read-only). Default <c>/etc/&lt;name&gt;</c>.</summary>
    public string? ConfigMountPath { get; init; }

    /// <summary>ClusterRole rules; without any the pod gets no API token. Default: none.</summary>
    public IReadOnlyList<V1PolicyRule>? ClusterRules { get; init; }

    /// <summary>Init containers (secure defaults applied as for the agent's container). Default: none.</summary>
    public IReadOnlyList<V1Container>? InitContainers { get; init; }

    /// <summary>Containers beside the agent's (secure defaults applied as for the agent's container). Default: none.</summary>
    public IReadOnlyList<V1Container>? Sidecars { get; init; }

    /// <summary>
    /// Pod volumes: hostPath (with its type), configMap, secret, emptyDir, projected (e.g. a service-account token),
    /// any volume source of the API. A mount of a hostPath volume is read-only unless it sets <c>readOnly: false</c>.
    /// Default: none.
    /// </summary>
    public IReadOnlyList<V1Volume>? Volumes { get; init; }

    /// <summary>Mounts of <see cref="Volumes"/> into the agent's container. Default: none.</summary>
    public IReadOnlyList<V1VolumeMount>? VolumeMounts { get; init; }

    /// <summary>The pod's imagePullSecrets. Default: none.</summary>
    public IReadOnlyList<V1LocalObjectReference>? ImagePullSecrets { get; init; }

    /// <summary>Labels on the DaemonSet object only. Default: none.</summary>
    public IReadOnlyDictionary<string, string>? DaemonSetLabels { get; init; }

    /// <summary>Annotations on the DaemonSet object only. Default: none.</summary>
    public IReadOnlyDictionary<string, string>? DaemonSetAnnotations { get; init; }

    /// <summary>What the agent needs of a node's kernel, runtime and architecture, checked by <c>plan</c>. Default: nothing.</summary>
    public NodeRequirements? Requirements { get; init; }

    /// <inheritdoc />
    /// <remarks>Adds: <see cref="Role"/> and <see cref="AgentOptions.Image"/> are required; the role is a DNS-1123 label;
    /// the DaemonSet labels and annotations may not set the tool's own keys; containers, volumes and mounts set only
    /// <see cref="SupportedFields"/>.</remarks>
    public override IReadOnlyList<OptionProblem> Check()
    {
        var problems = base.Check().ToList();
        if (Role is null)
        {
            problems.Add(new OptionProblem("role", $"a custom agent needs a role (logging, monitoring, network, security or your own, e.g. gpu), or name a preset with 'preset:'"));
        }
        else if (AgentRole.Parse(Role, out var problem) is null)
        {
            problems.Add(new OptionProblem("role", $"the role {problem}"));
        }

        if (Image is null)
        {
            problems.Add(new OptionProblem("image", "a custom agent needs an image (repository:tag[@sha256:…])"));
        }

        foreach (var key in (DaemonSetLabels?.Keys ?? []).Where(key => key.StartsWith("app.kubernetes.io/", StringComparison.Ordinal)))
        {
            problems.Add(new OptionProblem($"daemonSetLabels.{key}", "the app.kubernetes.io/* labels are set by the tool; use another key"));
        }

        foreach (var key in (DaemonSetAnnotations?.Keys ?? []).Where(key => key.StartsWith("nodeagents.io/", StringComparison.Ordinal)))
        {
            problems.Add(new OptionProblem($"daemonSetAnnotations.{key}", "the nodeagents.io/* annotations are set by the tool; use another key"));
        }

        if (Os is not null)
        {
            OptionChecks.OneOf(problems, "os", Os, OsNames);
        }

        SupportedFields.Check(problems, "initContainers", InitContainers);
        SupportedFields.Check(problems, "sidecars", Sidecars);
        SupportedFields.Check(problems, "volumes", Volumes);
        SupportedFields.Check(problems, "volumeMounts", VolumeMounts);
        return problems;
    }
}
