using k8s.Models;
using Pulumi;
using static NodeAgents.Pulumi.Mapping.Values;
using Core = Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>core/v1 pod level: the pod template, its spec, node affinity, tolerations and volumes.</summary>
internal static class CoreV1Pod
{
    /// <summary>The pod template: metadata (labels, annotations, plus <paramref name="deployTimeAnnotations"/>) and spec.</summary>
    public static Core.PodTemplateSpecArgs PodTemplate(V1PodTemplateSpec source, InputMap<string>? deployTimeAnnotations = null)
    {
        var metadata = MetaV1.ObjectMeta(source.Metadata);
        if (deployTimeAnnotations is not null)
        {
            var annotations = Map(source.Metadata.Annotations) ?? new InputMap<string>();
            annotations.AddRange(deployTimeAnnotations);
            metadata.Annotations = annotations;
        }

        return new Core.PodTemplateSpecArgs { Metadata = metadata, Spec = PodSpec(source.Spec) };
    }

    /// <summary>The pod spec fields the core sets.</summary>
    public static Core.PodSpecArgs PodSpec(V1PodSpec source) => new()
    {
        ServiceAccountName = source.ServiceAccountName,
        AutomountServiceAccountToken = Flag(source.AutomountServiceAccountToken),
        HostNetwork = Flag(source.HostNetwork),
        HostPID = Flag(source.HostPID),
        DnsPolicy = source.DnsPolicy,
        PriorityClassName = source.PriorityClassName,
        TerminationGracePeriodSeconds = Int(source.TerminationGracePeriodSeconds),
        NodeSelector = Map(source.NodeSelector),
        Affinity = Optional(source.Affinity, affinity => new Core.AffinityArgs { NodeAffinity = Optional(affinity.NodeAffinity, NodeAffinity) }),
        Tolerations = List(source.Tolerations, toleration => new Core.TolerationArgs
        {
            Key = toleration.Key,
            Operator = toleration.OperatorProperty,
            Value = toleration.Value,
            Effect = toleration.Effect,
            TolerationSeconds = Int(toleration.TolerationSeconds),
        }),
        Containers = List(source.Containers, CoreV1Container.Container),
        Volumes = List(source.Volumes, Volume),
    };

    /// <summary>Required and preferred node affinity.</summary>
    public static Core.NodeAffinityArgs NodeAffinity(V1NodeAffinity source) => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution = Optional(source.RequiredDuringSchedulingIgnoredDuringExecution, required => new Core.NodeSelectorArgs
        {
            NodeSelectorTerms = List(required.NodeSelectorTerms, NodeSelectorTerm),
        }),
        PreferredDuringSchedulingIgnoredDuringExecution = List(source.PreferredDuringSchedulingIgnoredDuringExecution, preferred => new Core.PreferredSchedulingTermArgs
        {
            Weight = preferred.Weight,
            Preference = NodeSelectorTerm(preferred.Preference),
        }),
    };

    private static Core.NodeSelectorTermArgs NodeSelectorTerm(V1NodeSelectorTerm source) => new()
    {
        MatchExpressions = List(source.MatchExpressions, NodeSelectorRequirement),
        MatchFields = List(source.MatchFields, NodeSelectorRequirement),
    };

    private static Core.NodeSelectorRequirementArgs NodeSelectorRequirement(V1NodeSelectorRequirement source) => new()
    {
        Key = source.Key,
        Operator = source.OperatorProperty,
        Values = Strings(source.Values),
    };

    /// <summary>A volume: the core emits hostPath and configMap volumes only.</summary>
    /// <exception cref="NotSupportedException">The volume has another source, which this mapping would drop.</exception>
    public static Core.VolumeArgs Volume(V1Volume source)
    {
        if (source.HostPath is null && source.ConfigMap is null)
        {
            throw new NotSupportedException($"volume '{source.Name}' is neither hostPath nor configMap; the Pulumi mapping covers only the volumes the core emits");
        }

        return new()
        {
            Name = source.Name,
            HostPath = Optional(source.HostPath, hostPath => new Core.HostPathVolumeSourceArgs { Path = hostPath.Path, Type = hostPath.Type }),
            ConfigMap = Optional(source.ConfigMap, configMap => new Core.ConfigMapVolumeSourceArgs
            {
                Name = configMap.Name,
                DefaultMode = Int(configMap.DefaultMode),
                Optional = Flag(configMap.Optional),
                Items = List(configMap.Items, item => new Core.KeyToPathArgs { Key = item.Key, Path = item.Path, Mode = Int(item.Mode) }),
            }),
        };
    }
}
