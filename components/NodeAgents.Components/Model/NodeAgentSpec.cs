using k8s.Models;

namespace NodeAgents.Model;

/// <summary>
/// Everything needed to run one node agent as a DaemonSet: identity, the agent's container (plus optional init containers
/// and sidecars), pod settings,
/// hostPath mounts, extra volumes, config files, node selection, update strategy and RBAC. Immutable; build variants
/// with <c>with</c> expressions. Kubernetes shapes are the <c>k8s.Models</c> types themselves.
/// Turned into objects by <see cref="Building.NodeAgentBuilder"/>; the defaults below are secure
/// (non-privileged, read-only root filesystem, all capabilities dropped, no API token unless RBAC rules are given).
/// </summary>
public sealed record NodeAgentSpec
{
    /// <summary>The name of the DaemonSet, its ServiceAccount, ConfigMap and RBAC objects (DNS-1123 label).</summary>
    public required string Name { get; init; }

    /// <summary>What the agent does; written to <c>app.kubernetes.io/component</c>.</summary>
    public required AgentRole Role { get; init; }

    /// <summary>The namespace of the namespaced objects. Default <c>node-agents</c>.</summary>
    public string Namespace { get; init; } = "node-agents";

    /// <summary>
    /// True when <see cref="Namespace"/> is part of what the agent needs to work (e.g. NodeLocal DNSCache must run in
    /// <c>kube-system</c>, next to the kube-dns pods its upstream Service selects), so a stack-wide default namespace does
    /// not move it; only the agent's own <c>namespace</c> option does. Default false: the stack-wide namespace applies.
    /// </summary>
    public bool NamespacePinned { get; init; }

    /// <summary>
    /// The <c>app.kubernetes.io/instance</c> label; together with <see cref="Name"/> it forms the selector.
    /// Default: null, meaning the same as <see cref="Name"/>.
    /// </summary>
    public string? Instance { get; init; }

    /// <summary>The <c>app.kubernetes.io/part-of</c> label. Default <c>node-agents</c>.</summary>
    public string PartOf { get; init; } = "node-agents";

    /// <summary>The agent's container image.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The container's <c>imagePullPolicy</c>. Default <c>IfNotPresent</c>.</summary>
    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    /// <summary>The container's <c>command</c> (entrypoint override). Default: empty, the image's entrypoint.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The container's <c>args</c>. Default: empty.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables, including downward-API values (<c>valueFrom.fieldRef</c>). Default: none.</summary>
    public IReadOnlyList<V1EnvVar> Env { get; init; } = [];

    /// <summary>Environment variables read from the agent's Secret (values supplied at deploy time). Default: none.</summary>
    public IReadOnlyList<SecretEnvVar> SecretEnv { get; init; } = [];

    /// <summary>
    /// Services the agent needs besides its DaemonSet, emitted in <see cref="Namespace"/> with the agent's labels merged
    /// into their own (the agent's win); everything else (selector, ports, type) is kept as given. A Service selects pods
    /// of its own namespace only (kubernetes.io/docs/concepts/services-networking/service). Default: none.
    /// </summary>
    public IReadOnlyList<V1Service> Services { get; init; } = [];

    /// <summary>Container ports (name, containerPort, optional hostPort, protocol). With host networking every port is a node port.</summary>
    public IReadOnlyList<V1ContainerPort> Ports { get; init; } = [];

    /// <summary>Requests and limits (cpu, memory as Kubernetes quantities). Default: none (BestEffort).</summary>
    public V1ResourceRequirements? Resources { get; init; }

    /// <summary>The liveness probe. Default: none.</summary>
    public V1Probe? LivenessProbe { get; init; }

    /// <summary>The readiness probe. Default: none.</summary>
    public V1Probe? ReadinessProbe { get; init; }

    /// <summary>
    /// The container's securityContext. Default: <see cref="SecureDefaults.ContainerSecurityContext"/>
    /// (no privilege escalation, read-only root filesystem, every capability dropped, RuntimeDefault seccomp).
    /// </summary>
    public V1SecurityContext SecurityContext { get; init; } = SecureDefaults.ContainerSecurityContext();

    /// <summary>Runs the pod in the node's network namespace. Default false.</summary>
    public bool HostNetwork { get; init; }

    /// <summary>Runs the pod in the node's PID namespace. Default false.</summary>
    public bool HostPID { get; init; }

    /// <summary>
    /// The pod's <c>dnsPolicy</c>. Default: null, meaning <c>ClusterFirstWithHostNet</c> with
    /// <see cref="HostNetwork"/> and <c>ClusterFirst</c> without.
    /// </summary>
    public string? DnsPolicy { get; init; }

    /// <summary>The pod's <c>priorityClassName</c>. Default: none.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>The pod's <c>terminationGracePeriodSeconds</c> (seconds). Default: null, the API default of 30.</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>The ServiceAccount the pods run as. Default: null, meaning one named like the agent, created with it.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Node paths mounted into the container. Default: none.</summary>
    public IReadOnlyList<HostPathMount> HostPaths { get; init; } = [];

    /// <summary>
    /// Config files, file name → content, rendered as the ConfigMap <c>&lt;name&gt;-config</c> and mounted per
    /// <see cref="ConfigMount"/>. Default: none (no ConfigMap).
    /// </summary>
    public IReadOnlyDictionary<string, string> ConfigFiles { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where the config files appear. Default: <c>/etc/&lt;name&gt;</c> as one directory mount.</summary>
    public ConfigMount? ConfigMount { get; init; }

    /// <summary>The pod's <c>nodeSelector</c>: label → value, all must match. Default: none.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Required and preferred node affinity. Default: none.</summary>
    public V1NodeAffinity? NodeAffinity { get; init; }

    /// <summary>The pod's tolerations. See <see cref="Tolerations"/> for the usual sets. Default: none.</summary>
    public IReadOnlyList<V1Toleration> Tolerations { get; init; } = [];

    /// <summary>
    /// The DaemonSet's updateStrategy. Default: RollingUpdate with maxUnavailable 1 (the API default).
    /// Exactly one of maxUnavailable and maxSurge may be non-zero.
    /// </summary>
    public V1DaemonSetUpdateStrategy UpdateStrategy { get; init; } = UpdateStrategies.RollingUpdate(1);

    /// <summary>The DaemonSet's minReadySeconds (seconds). Default 0.</summary>
    public int MinReadySeconds { get; init; }

    /// <summary>
    /// How long <c>pulumi up</c> waits for this DaemonSet's rollout (the resource's custom create and update timeouts).
    /// Default null: the provider's 10 minutes. Not part of any Kubernetes object, so <c>render</c> does not show it;
    /// OnDelete DaemonSets are never awaited (see <see cref="Building.RolloutAwait"/>). See <see cref="Model.RolloutTimeout"/>.
    /// </summary>
    public TimeSpan? RolloutTimeout { get; init; }

    /// <summary>The DaemonSet's revisionHistoryLimit. Default 10 (the API default).</summary>
    public int RevisionHistoryLimit { get; init; } = 10;

    /// <summary>
    /// The ClusterRole rules the agent needs. Default: none, which means no ClusterRole, no binding and
    /// <c>automountServiceAccountToken: false</c>.
    /// </summary>
    public IReadOnlyList<V1PolicyRule> ClusterRules { get; init; } = [];

    /// <summary>Extra labels on every object and the pod template (never in the selector). Default: none.</summary>
    public IReadOnlyDictionary<string, string> ExtraLabels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Extra annotations on the pod template. Default: none.</summary>
    public IReadOnlyDictionary<string, string> PodAnnotations { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// What the agent needs of a node's kernel, container runtime and architecture (<see cref="NodeRequirements"/>),
    /// written to the DaemonSet as the <c>nodeagents.io/requires</c> annotation and checked by <c>plan</c>. Default: null, nothing.
    /// </summary>
    public NodeRequirements? Requirements { get; init; }

    /// <summary>The main container's startup probe (liveness and readiness wait until it succeeds). Default: none.</summary>
    public V1Probe? StartupProbe { get; init; }

    /// <summary>
    /// Init containers, run in order before the agent starts (e.g. a driver loader), as given: the builder copies them
    /// unchanged, so callers apply <see cref="SecureDefaults"/> themselves (the config binder does). Default: none.
    /// </summary>
    public IReadOnlyList<V1Container> InitContainers { get; init; } = [];

    /// <summary>
    /// Containers that run beside the agent in the same pod (e.g. kube-rbac-proxy), after the agent's own container in
    /// <c>spec.containers</c>, copied unchanged (see <see cref="InitContainers"/>). Default: none.
    /// </summary>
    public IReadOnlyList<V1Container> Sidecars { get; init; } = [];

    /// <summary>
    /// Pod volumes besides the ones the builder makes from <see cref="HostPaths"/> and <see cref="ConfigFiles"/>
    /// (hostPath with its type, configMap, secret, emptyDir, projected service-account token, …). Default: none.
    /// </summary>
    public IReadOnlyList<V1Volume> Volumes { get; init; } = [];

    /// <summary>Mounts of <see cref="Volumes"/> into the agent's own container, after the builder's. Default: none.</summary>
    public IReadOnlyList<V1VolumeMount> VolumeMounts { get; init; } = [];

    /// <summary>The pod's <c>imagePullSecrets</c> (Secrets in <see cref="Namespace"/>). Default: none.</summary>
    public IReadOnlyList<V1LocalObjectReference> ImagePullSecrets { get; init; } = [];

    /// <summary>The pod's <c>securityContext</c> (runAsUser, fsGroup, seccompProfile, …). Default: none.</summary>
    public V1PodSecurityContext? PodSecurityContext { get; init; }

    /// <summary>Runs the pod in the node's IPC namespace. Default false.</summary>
    public bool HostIPC { get; init; }

    /// <summary>The pod's <c>dnsConfig</c> (nameservers, searches, options). Default: none.</summary>
    public V1PodDNSConfig? DnsConfig { get; init; }

    /// <summary>
    /// The pod's <c>spec.os.name</c>: <c>linux</c> or <c>windows</c>, the operating system the pod's containers need.
    /// The API server then applies that system's field rules (k8s.io/kubernetes pkg/apis/core/validation validateOS,
    /// validateLinux, validateWindows), and so does the validator; Kubernetes' "Windows containers in Kubernetes" guide
    /// asks Windows pods to set it. Default: null, unset.
    /// </summary>
    public string? Os { get; init; }

    /// <summary>
    /// Labels on the DaemonSet object only (not its pod template, not the selector); the tool's
    /// <c>app.kubernetes.io/*</c> labels win over them. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string> DaemonSetLabels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Annotations on the DaemonSet object only (a change does not roll the pods); the tool's <c>nodeagents.io/*</c>
    /// annotations win over them. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string> DaemonSetAnnotations { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The effective <c>app.kubernetes.io/instance</c> value.</summary>
    public string EffectiveInstance => Instance ?? Name;

    /// <summary>The effective ServiceAccount name.</summary>
    public string EffectiveServiceAccountName => ServiceAccountName ?? Name;

    /// <summary>The effective dnsPolicy (see <see cref="DnsPolicy"/>).</summary>
    public string EffectiveDnsPolicy => DnsPolicy ?? (HostNetwork ? "ClusterFirstWithHostNet" : "ClusterFirst");

    /// <summary>The effective config mount (see <see cref="ConfigMount"/>).</summary>
    public ConfigMount EffectiveConfigMount => ConfigMount ?? new ConfigMount($"/etc/{Name}");
}
