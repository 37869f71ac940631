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
        InitContainers = List(source.InitContainers, CoreV1Container.Container),
        HostIPC = Flag(source.HostIPC),
        SecurityContext = Optional(source.SecurityContext, PodSecurityContext),
        DnsConfig = Optional(source.DnsConfig, dns => new Core.PodDNSConfigArgs
        {
            Nameservers = Strings(dns.Nameservers),
            Searches = Strings(dns.Searches),
            Options = List(dns.Options, option => new Core.PodDNSConfigOptionArgs { Name = option.Name, Value = option.Value }),
        }),
        ImagePullSecrets = List(source.ImagePullSecrets, secret => new Core.LocalObjectReferenceArgs { Name = secret.Name }),
        Os = Optional(source.Os, os => new Core.PodOSArgs { Name = os.Name }),
    };

    /// <summary>The pod securityContext (user and group ids, fsGroup, supplemental groups, sysctls, seccomp, SELinux, AppArmor).</summary>
    public static Core.PodSecurityContextArgs PodSecurityContext(V1PodSecurityContext source) => new()
    {
        RunAsUser = Int(source.RunAsUser),
        RunAsGroup = Int(source.RunAsGroup),
        RunAsNonRoot = Flag(source.RunAsNonRoot),
        FsGroup = Int(source.FsGroup),
        FsGroupChangePolicy = source.FsGroupChangePolicy,
        SupplementalGroups = List(source.SupplementalGroups, group => checked((int)group!.Value)),
        Sysctls = List(source.Sysctls, sysctl => new Core.SysctlArgs { Name = sysctl.Name, Value = sysctl.Value }),
        SeccompProfile = Optional(source.SeccompProfile, seccomp => new Core.SeccompProfileArgs { Type = seccomp.Type, LocalhostProfile = seccomp.LocalhostProfile }),
        AppArmorProfile = Optional(source.AppArmorProfile, appArmor => new Core.AppArmorProfileArgs { Type = appArmor.Type, LocalhostProfile = appArmor.LocalhostProfile }),
        SeLinuxOptions = Optional(source.SeLinuxOptions, selinux => new Core.SELinuxOptionsArgs { User = selinux.User, Role = selinux.Role, Type = selinux.Type, Level = selinux.Level }),
        SeLinuxChangePolicy = source.SeLinuxChangePolicy,
        SupplementalGroupsPolicy = source.SupplementalGroupsPolicy,
        WindowsOptions = Optional(source.WindowsOptions, CoreV1Container.WindowsOptions),
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

    /// <summary>A volume: hostPath, configMap, secret, emptyDir or projected (service-account token, configMap, secret).</summary>
    /// <exception cref="NotSupportedException">The volume has another source, which this mapping would drop.</exception>
    public static Core.VolumeArgs Volume(V1Volume source)
    {
        if (source.HostPath is null && source.ConfigMap is null && source.Secret is null && source.EmptyDir is null && source.Projected is null)
        {
            throw new NotSupportedException($"volume '{source.Name}' is not hostPath, configMap, secret, emptyDir or projected; the Pulumi mapping covers only those");
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
                Items = List(configMap.Items, KeyToPath),
            }),
            Secret = Optional(source.Secret, secret => new Core.SecretVolumeSourceArgs
            {
                SecretName = secret.SecretName,
                DefaultMode = Int(secret.DefaultMode),
                Optional = Flag(secret.Optional),
                Items = List(secret.Items, KeyToPath),
            }),
            EmptyDir = Optional(source.EmptyDir, emptyDir => new Core.EmptyDirVolumeSourceArgs { Medium = emptyDir.Medium, SizeLimit = Text(emptyDir.SizeLimit?.ToString()) }),
            Projected = Optional(source.Projected, projected => new Core.ProjectedVolumeSourceArgs
            {
                DefaultMode = Int(projected.DefaultMode),
                Sources = List(projected.Sources, projection => new Core.VolumeProjectionArgs
                {
                    ServiceAccountToken = Optional(projection.ServiceAccountToken, token => new Core.ServiceAccountTokenProjectionArgs
                    {
                        Audience = token.Audience,
                        ExpirationSeconds = Int(token.ExpirationSeconds),
                        Path = token.Path,
                    }),
                    ConfigMap = Optional(projection.ConfigMap, map => new Core.ConfigMapProjectionArgs { Name = map.Name, Optional = Flag(map.Optional), Items = List(map.Items, KeyToPath) }),
                    Secret = Optional(projection.Secret, secret => new Core.SecretProjectionArgs { Name = secret.Name, Optional = Flag(secret.Optional), Items = List(secret.Items, KeyToPath) }),
                }),
            }),
        };
    }

    private static Core.KeyToPathArgs KeyToPath(V1KeyToPath item) => new() { Key = item.Key, Path = item.Path, Mode = Int(item.Mode) };
}
