using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;

namespace NodeAgents.Presets.Custom;

/// <summary>
/// Builds a <see cref="NodeAgentSpec"/> from <see cref="CustomAgentOptions"/> with the presets' secure defaults: every
/// container (the agent's, init containers, sidecars) gets <see cref="SecureDefaults.ContainerSecurityContext"/> with the
/// fields it sets laid over it, except on a Windows pod (<c>os: windows</c>), where those Linux fields are not allowed;
/// mounts of hostPath volumes are read-only unless they say <c>readOnly: false</c>; no API
/// token without <c>clusterRules</c>; and the required node affinity that keeps agents off virtual-kubelet, Fargate and
/// opted-out nodes (dropped only with <c>nodeGuard: false</c>).
/// </summary>
public static class CustomAgent
{
    /// <summary>Builds the spec.</summary>
    /// <exception cref="ArgumentException">The options break a rule of <see cref="CustomAgentOptions.Check"/> or have no name.</exception>
    public static NodeAgentSpec Build(CustomAgentOptions options)
    {
        var problems = options.Check();
        if (problems.Count > 0 || options.Name is null)
        {
            throw new ArgumentException("invalid custom agent: " + string.Join("; ", problems.Select(problem => $"{problem.Path}: {problem.Message}").DefaultIfEmpty("name: missing")), nameof(options));
        }

        var hostPathVolumes = (options.Volumes ?? []).Where(volume => volume.HostPath is not null).Select(volume => volume.Name).ToHashSet(StringComparer.Ordinal);
        var windows = options.Os == "windows";
        var spec = new NodeAgentSpec
        {
            Name = options.Name,
            Role = AgentRole.Of(options.Role!),
            Image = options.Image!,
            Command = options.Command ?? [],
            Args = options.Args ?? [],
            Ports = options.Ports ?? [],
            LivenessProbe = options.LivenessProbe,
            ReadinessProbe = options.ReadinessProbe,
            StartupProbe = options.StartupProbe,
            SecurityContext = windows ? KubernetesObjects.Copy(options.SecurityContext) ?? new V1SecurityContext() : Secure(options.SecurityContext),
            PodSecurityContext = options.PodSecurityContext,
            HostNetwork = options.HostNetwork ?? false,
            HostPID = options.HostPID ?? false,
            HostIPC = options.HostIPC ?? false,
            Os = options.Os,
            DnsPolicy = options.DnsPolicy,
            DnsConfig = options.DnsConfig,
            ConfigFiles = options.ConfigFiles ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            ConfigMount = options.ConfigMountPath is null ? null : new ConfigMount(options.ConfigMountPath),
            ClusterRules = options.ClusterRules ?? [],
            InitContainers = (options.InitContainers ?? []).Select(container => SecureContainer(container, hostPathVolumes, windows)).ToList(),
            Sidecars = (options.Sidecars ?? []).Select(container => SecureContainer(container, hostPathVolumes, windows)).ToList(),
            Volumes = options.Volumes ?? [],
            VolumeMounts = (options.VolumeMounts ?? []).Select(mount => ReadOnlyHostPath(mount, hostPathVolumes)).ToList(),
            ImagePullSecrets = options.ImagePullSecrets ?? [],
            DaemonSetLabels = options.DaemonSetLabels ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            DaemonSetAnnotations = options.DaemonSetAnnotations ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
            Requirements = options.Requirements,
            NodeAffinity = PresetDefaults.AvoidVirtualAndOptedOutNodes(),
        };
        return options.ApplyTo(spec);
    }

    /// <summary><see cref="SecureDefaults.ContainerSecurityContext"/> with every field <paramref name="given"/> sets replacing the default's.</summary>
    public static V1SecurityContext Secure(V1SecurityContext? given)
    {
        var secure = SecureDefaults.ContainerSecurityContext();
        if (given is null)
        {
            return secure;
        }

        var merged = KubernetesObjects.Copy(given)!;
        // The API rejects privileged: true with allowPrivilegeEscalation: false (pkg/apis/core/validation
        // validation.go, ValidateSecurityContext), so a privileged container keeps escalation unset unless it says otherwise.
        merged.AllowPrivilegeEscalation ??= merged.Privileged == true ? null : secure.AllowPrivilegeEscalation;
        merged.ReadOnlyRootFilesystem ??= secure.ReadOnlyRootFilesystem;
        merged.Capabilities ??= new V1Capabilities();
        merged.Capabilities.Drop ??= secure.Capabilities.Drop;
        merged.SeccompProfile ??= secure.SeccompProfile;
        return merged;
    }

    private static V1Container SecureContainer(V1Container container, HashSet<string> hostPathVolumes, bool windows)
    {
        var copy = KubernetesObjects.Copy(container)!;
        copy.SecurityContext = windows ? KubernetesObjects.Copy(container.SecurityContext) : Secure(container.SecurityContext);
        copy.VolumeMounts = container.VolumeMounts?.Select(mount => ReadOnlyHostPath(mount, hostPathVolumes)).ToList();
        return copy;
    }

    private static V1VolumeMount ReadOnlyHostPath(V1VolumeMount mount, HashSet<string> hostPathVolumes)
    {
        var copy = KubernetesObjects.Copy(mount)!;
        if (hostPathVolumes.Contains(mount.Name))
        {
            copy.ReadOnlyProperty ??= true;
        }

        return copy;
    }
}
