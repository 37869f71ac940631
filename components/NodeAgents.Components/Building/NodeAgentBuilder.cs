using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Building.KubernetesObjects;

namespace NodeAgents.Building;

/// <summary>
/// Turns a <see cref="NodeAgentSpec"/> into Kubernetes objects. Pure: the same spec always gives equal objects,
/// and the objects share no mutable state with the spec. It does not validate; run the validator first.
/// </summary>
public static class NodeAgentBuilder
{
    /// <summary>The annotation on a Secret rendered without data: its values are supplied at deploy time.</summary>
    public const string SuppliedAtDeployAnnotation = "nodeagents.io/supplied-at-deploy";

    /// <summary>The name of the config volume in the pod.</summary>
    public const string ConfigVolumeName = "config";

    /// <summary>The ConfigMap name of an agent: <c>&lt;name&gt;-config</c>.</summary>
    public static string ConfigMapName(NodeAgentSpec spec) => spec.Name + "-config";

    /// <summary>
    /// The name of an agent's ClusterRole and ClusterRoleBinding: <c>&lt;namespace&gt;-&lt;name&gt;</c>, e.g.
    /// <c>node-agents-fluent-bit</c>. Cluster-scoped names are shared by the whole cluster, so the namespace keeps two
    /// installs (say a dev and a prod stack in one cluster) from overwriting each other's RBAC, and keeps an agent name
    /// such as <c>admin</c> from replacing a built-in role.
    /// </summary>
    public static string ClusterRoleName(NodeAgentSpec spec) => $"{spec.Namespace}-{spec.Name}";

    /// <summary>The Secret name of an agent: <c>&lt;name&gt;-secrets</c>.</summary>
    public static string SecretName(NodeAgentSpec spec) => spec.Name + "-secrets";

    /// <summary>Builds every object of the agent.</summary>
    public static NodeAgentObjects Build(NodeAgentSpec spec)
    {
        var hasRules = spec.ClusterRules.Count > 0;
        return new NodeAgentObjects(
            BuildServiceAccount(spec),
            hasRules ? BuildClusterRole(spec) : null,
            hasRules ? BuildClusterRoleBinding(spec) : null,
            spec.ConfigFiles.Count > 0 ? BuildConfigMap(spec) : null,
            spec.SecretEnv.Count > 0 ? BuildSecret(spec) : null,
            spec.Services.Select(service => BuildService(spec, service)).ToList(),
            BuildDaemonSet(spec));
    }

    private static V1ObjectMeta Metadata(NodeAgentSpec spec, string name, bool namespaced) => new()
    {
        Name = name,
        NamespaceProperty = namespaced ? spec.Namespace : null,
        Labels = AgentLabels.All(spec),
    };

    private static V1ServiceAccount BuildServiceAccount(NodeAgentSpec spec) => Stamp(new V1ServiceAccount
    {
        Metadata = Metadata(spec, spec.EffectiveServiceAccountName, namespaced: true),
        AutomountServiceAccountToken = spec.ClusterRules.Count > 0,
    });

    private static V1ClusterRole BuildClusterRole(NodeAgentSpec spec) => Stamp(new V1ClusterRole
    {
        Metadata = Metadata(spec, ClusterRoleName(spec), namespaced: false),
        Rules = CopyAll(spec.ClusterRules),
    });

    private static V1ClusterRoleBinding BuildClusterRoleBinding(NodeAgentSpec spec) => Stamp(new V1ClusterRoleBinding
    {
        Metadata = Metadata(spec, ClusterRoleName(spec), namespaced: false),
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ClusterRoleName(spec) },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = spec.EffectiveServiceAccountName, NamespaceProperty = spec.Namespace }],
    });

    private static V1ConfigMap BuildConfigMap(NodeAgentSpec spec) => Stamp(new V1ConfigMap
    {
        Metadata = Metadata(spec, ConfigMapName(spec), namespaced: true),
        Data = SortedOrNull(spec.ConfigFiles),
    });

    private static V1Secret BuildSecret(NodeAgentSpec spec)
    {
        var metadata = Metadata(spec, SecretName(spec), namespaced: true);
        metadata.Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [SuppliedAtDeployAnnotation] = string.Join(",", spec.SecretEnv.Select(env => env.Key).Distinct().Order(StringComparer.Ordinal)),
        };
        return Stamp(new V1Secret { Metadata = metadata, Type = "Opaque" });
    }

    /// <summary>A copy of <paramref name="service"/> in the agent's namespace, its labels merged with the agent's (the agent's win).</summary>
    private static V1Service BuildService(NodeAgentSpec spec, V1Service service)
    {
        var copy = Copy(service)!;
        var labels = SortedOrNull(service.Metadata?.Labels ?? new Dictionary<string, string>()) ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in AgentLabels.All(spec))
        {
            labels[key] = value;
        }

        copy.Metadata ??= new V1ObjectMeta();
        copy.Metadata.NamespaceProperty = spec.Namespace;
        copy.Metadata.Labels = labels;
        return Stamp(copy);
    }

    private static V1DaemonSet BuildDaemonSet(NodeAgentSpec spec)
    {
        var podAnnotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.PodAnnotations)
        {
            podAnnotations[key] = value;
        }

        if (spec.ConfigFiles.Count > 0)
        {
            podAnnotations[ConfigChecksum.Annotation] = ConfigChecksum.Compute(spec.ConfigFiles);
        }

        var metadata = Metadata(spec, spec.Name, namespaced: true);
        metadata.Labels = Merged(spec.DaemonSetLabels, metadata.Labels);
        var annotations = new SortedDictionary<string, string>(spec.DaemonSetAnnotations.ToDictionary(), StringComparer.Ordinal);
        if (spec.Requirements is { IsEmpty: false } requirements)
        {
            // On the DaemonSet, not the pod template: a changed requirement must not roll the pods.
            annotations[NodeRequirements.Annotation] = requirements.ToAnnotation();
        }

        if (RolloutAwait.NeedsSkipAwait(spec.UpdateStrategy))
        {
            annotations[RolloutAwait.SkipAwaitAnnotation] = "true";
        }

        metadata.Annotations = annotations.Count == 0 ? null : annotations;

        return Stamp(new V1DaemonSet
        {
            Metadata = metadata,
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = AgentLabels.Selector(spec) },
                MinReadySeconds = spec.MinReadySeconds == 0 ? null : spec.MinReadySeconds,
                RevisionHistoryLimit = spec.RevisionHistoryLimit,
                UpdateStrategy = Copy(spec.UpdateStrategy),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = AgentLabels.All(spec),
                        Annotations = podAnnotations.Count == 0 ? null : podAnnotations,
                    },
                    Spec = BuildPodSpec(spec),
                },
            },
        });
    }

    private static V1PodSpec BuildPodSpec(NodeAgentSpec spec) => new()
    {
        ServiceAccountName = spec.EffectiveServiceAccountName,
        AutomountServiceAccountToken = spec.ClusterRules.Count > 0,
        HostNetwork = spec.HostNetwork ? true : null,
        HostPID = spec.HostPID ? true : null,
        HostIPC = spec.HostIPC ? true : null,
        SecurityContext = Copy(spec.PodSecurityContext),
        DnsConfig = Copy(spec.DnsConfig),
        Os = spec.Os is null ? null : new V1PodOS { Name = spec.Os },
        ImagePullSecrets = CopyAll(spec.ImagePullSecrets),
        DnsPolicy = spec.EffectiveDnsPolicy,
        PriorityClassName = spec.PriorityClassName,
        TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds,
        NodeSelector = SortedOrNull(spec.NodeSelector),
        Affinity = spec.NodeAffinity is null ? null : new V1Affinity { NodeAffinity = Copy(spec.NodeAffinity) },
        Tolerations = CopyAll(spec.Tolerations),
        InitContainers = CopyAll(spec.InitContainers),
        Containers = [BuildContainer(spec), .. CopyAll(spec.Sidecars) ?? []],
        Volumes = BuildVolumes(spec),
    };

    private static V1Container BuildContainer(NodeAgentSpec spec) => new()
    {
        Name = spec.Name,
        Image = spec.Image.ToString(),
        ImagePullPolicy = spec.ImagePullPolicy,
        Command = spec.Command.Count == 0 ? null : spec.Command.ToList(),
        Args = spec.Args.Count == 0 ? null : spec.Args.ToList(),
        Env = BuildEnv(spec),
        Ports = CopyAll(spec.Ports),
        Resources = Copy(spec.Resources),
        LivenessProbe = Copy(spec.LivenessProbe),
        ReadinessProbe = Copy(spec.ReadinessProbe),
        StartupProbe = Copy(spec.StartupProbe),
        SecurityContext = Copy(spec.SecurityContext),
        VolumeMounts = BuildVolumeMounts(spec),
    };

    private static List<V1EnvVar>? BuildEnv(NodeAgentSpec spec)
    {
        var env = CopyAll(spec.Env) ?? [];
        env.AddRange(spec.SecretEnv.Select(secret => new V1EnvVar
        {
            Name = secret.Name,
            ValueFrom = new V1EnvVarSource
            {
                SecretKeyRef = new V1SecretKeySelector { Name = SecretName(spec), Key = secret.Key },
            },
        }));
        return env.Count == 0 ? null : env;
    }

    private static List<V1VolumeMount>? BuildVolumeMounts(NodeAgentSpec spec)
    {
        var mounts = spec.HostPaths.Select(host => new V1VolumeMount
        {
            Name = host.Name,
            MountPath = host.MountPath,
            ReadOnlyProperty = host.Writable ? null : true,
            MountPropagation = host.MountPropagation,
        }).ToList();

        if (spec.ConfigFiles.Count > 0)
        {
            var config = spec.EffectiveConfigMount;
            if (config.PerFile)
            {
                mounts.AddRange(spec.ConfigFiles.Keys.Order(StringComparer.Ordinal).Select(file => new V1VolumeMount
                {
                    Name = ConfigVolumeName,
                    MountPath = config.MountPath.TrimEnd('/') + "/" + file,
                    SubPath = file,
                    ReadOnlyProperty = true,
                }));
            }
            else
            {
                mounts.Add(new V1VolumeMount { Name = ConfigVolumeName, MountPath = config.MountPath, ReadOnlyProperty = true });
            }
        }

        mounts.AddRange(CopyAll(spec.VolumeMounts) ?? []);
        return mounts.Count == 0 ? null : mounts;
    }

    private static List<V1Volume>? BuildVolumes(NodeAgentSpec spec)
    {
        var volumes = spec.HostPaths.Select(host => new V1Volume
        {
            Name = host.Name,
            HostPath = new V1HostPathVolumeSource { Path = host.Path, Type = host.Type.Length == 0 ? null : host.Type },
        }).ToList();

        if (spec.ConfigFiles.Count > 0)
        {
            volumes.Add(new V1Volume
            {
                Name = ConfigVolumeName,
                ConfigMap = new V1ConfigMapVolumeSource { Name = ConfigMapName(spec) },
            });
        }

        volumes.AddRange(CopyAll(spec.Volumes) ?? []);
        return volumes.Count == 0 ? null : volumes;
    }

    /// <summary><paramref name="first"/> overlaid with <paramref name="winners"/>, sorted; null when both are empty.</summary>
    private static SortedDictionary<string, string>? Merged(IReadOnlyDictionary<string, string> first, IDictionary<string, string>? winners)
    {
        var merged = new SortedDictionary<string, string>(first.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in winners ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged.Count == 0 ? null : merged;
    }
}
