using k8s.Models;

namespace NodeAgents.Building;

/// <summary>
/// Finds the lowest Pod Security Standards level that admits a pod, following the checks of the
/// "Baseline" and "Restricted" tables in kubernetes.io/docs/concepts/security/pod-security-standards
/// (as implemented by k8s.io/pod-security-admission/policy).
/// </summary>
public static class PodSecurityStandards
{
    /// <summary>The capabilities the Baseline profile allows containers to add.</summary>
    public static IReadOnlySet<string> BaselineCapabilities { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    private static readonly HashSet<string> RestrictedVolumeKinds = ["ConfigMap", "Csi", "DownwardAPI", "EmptyDir", "Ephemeral", "PersistentVolumeClaim", "Projected", "Secret"];

    /// <summary>The lowest level that admits the pod, with a reason for each check that ruled out a lower one.</summary>
    public static (PodSecurityLevel Level, IReadOnlyList<string> Reasons) Evaluate(V1PodSpec pod)
    {
        var baseline = BaselineViolations(pod).ToList();
        if (baseline.Count > 0)
        {
            return (PodSecurityLevel.Privileged, baseline);
        }

        var restricted = RestrictedViolations(pod).ToList();
        return restricted.Count > 0 ? (PodSecurityLevel.Baseline, restricted) : (PodSecurityLevel.Restricted, []);
    }

    /// <summary>The label value of a level: <c>restricted</c>, <c>baseline</c> or <c>privileged</c>.</summary>
    public static string LabelValue(PodSecurityLevel level) => level.ToString().ToLowerInvariant();

    private static IEnumerable<V1Container> AllContainers(V1PodSpec pod) =>
        (pod.InitContainers ?? []).Concat(pod.Containers ?? []);

    private static IEnumerable<string> BaselineViolations(V1PodSpec pod)
    {
        if (pod.HostNetwork == true)
        {
            yield return "hostNetwork";
        }

        if (pod.HostPID == true)
        {
            yield return "hostPID";
        }

        if (pod.HostIPC == true)
        {
            yield return "hostIPC";
        }

        foreach (var volume in pod.Volumes ?? [])
        {
            if (volume.HostPath is not null)
            {
                yield return $"hostPath volume '{volume.Name}'";
            }
        }

        if (pod.SecurityContext?.SeccompProfile?.Type == "Unconfined")
        {
            yield return "seccompProfile Unconfined";
        }

        foreach (var container in AllContainers(pod))
        {
            var context = container.SecurityContext;
            if (context?.Privileged == true)
            {
                yield return $"container '{container.Name}' is privileged";
            }

            foreach (var capability in context?.Capabilities?.Add ?? [])
            {
                if (!BaselineCapabilities.Contains(capability))
                {
                    yield return $"container '{container.Name}' adds capability {capability}";
                }
            }

            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is > 0)
                {
                    yield return $"container '{container.Name}' uses hostPort {port.HostPort}";
                }
            }

            if (context?.SeccompProfile?.Type == "Unconfined")
            {
                yield return $"container '{container.Name}' seccompProfile Unconfined";
            }

            if (context?.ProcMount is not null and not "Default")
            {
                yield return $"container '{container.Name}' procMount {context.ProcMount}";
            }
        }
    }

    private static IEnumerable<string> RestrictedViolations(V1PodSpec pod)
    {
        foreach (var volume in pod.Volumes ?? [])
        {
            var kinds = typeof(V1Volume).GetProperties()
                .Where(p => p.Name != nameof(V1Volume.Name) && p.GetValue(volume) is not null)
                .Select(p => p.Name);
            foreach (var kind in kinds.Where(kind => !RestrictedVolumeKinds.Contains(kind)))
            {
                yield return $"volume '{volume.Name}' of type {kind}";
            }
        }

        var podNonRoot = pod.SecurityContext?.RunAsNonRoot == true;
        var podSeccomp = pod.SecurityContext?.SeccompProfile?.Type is "RuntimeDefault" or "Localhost";
        foreach (var container in AllContainers(pod))
        {
            var context = container.SecurityContext;
            if (context?.AllowPrivilegeEscalation != false)
            {
                yield return $"container '{container.Name}' does not set allowPrivilegeEscalation: false";
            }

            if (!(context?.RunAsNonRoot ?? podNonRoot))
            {
                yield return $"container '{container.Name}' does not set runAsNonRoot: true";
            }

            if ((context?.RunAsUser ?? pod.SecurityContext?.RunAsUser) == 0)
            {
                yield return $"container '{container.Name}' runs as user 0";
            }

            if (!(context?.SeccompProfile?.Type is "RuntimeDefault" or "Localhost" || (context?.SeccompProfile is null && podSeccomp)))
            {
                yield return $"container '{container.Name}' has no RuntimeDefault or Localhost seccompProfile";
            }

            if (context?.Capabilities?.Drop?.Contains("ALL") != true)
            {
                yield return $"container '{container.Name}' does not drop ALL capabilities";
            }

            foreach (var capability in context?.Capabilities?.Add ?? [])
            {
                if (capability != "NET_BIND_SERVICE")
                {
                    yield return $"container '{container.Name}' adds capability {capability}";
                }
            }
        }
    }
}
