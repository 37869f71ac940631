using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Presets.PresetDefaults;

namespace NodeAgents.Presets;

/// <summary>
/// Prometheus node-exporter as the monitoring agent. Facts from kube-prometheus' <c>nodeExporter-daemonset.yaml</c>:
/// host network and host PID, <c>/proc</c>, <c>/sys</c> and <c>/</c> mounted read-only (<c>/</c> with HostToContainer
/// propagation so later mounts are seen), port 9100, runs as nobody (65534) with a read-only root filesystem,
/// <c>nodeSelector kubernetes.io/os=linux</c>, tolerates every taint, rolls out with maxUnavailable 10%.
/// It reads nothing from the API, so it gets no RBAC and no token.
/// </summary>
public static class MonitoringAgentPreset
{
    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("quay.io/prometheus/node-exporter", "v1.8.2");

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(MonitoringAgentOptions? options = null)
    {
        options ??= new MonitoringAgentOptions();
        var security = SecureDefaults.ContainerSecurityContext();
        security.RunAsNonRoot = true;
        security.RunAsUser = 65534;
        security.RunAsGroup = 65534;
        var spec = new NodeAgentSpec
        {
            Name = "node-exporter",
            Role = AgentRole.Monitoring,
            Image = DefaultImage,
            Args =
            [
                $"--web.listen-address=:{options.Port}",
                "--path.procfs=/host/proc",
                "--path.sysfs=/host/sys",
                "--path.rootfs=/host/root",
                $"--log.level={options.LogLevel}",
                "--no-collector.wifi",
                "--no-collector.hwmon",
                "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)",
                "--collector.netclass.ignored-devices=^(veth.*|[a-f0-9]{15})$",
                "--collector.netdev.device-exclude=^(veth.*|[a-f0-9]{15})$",
                .. options.ExtraArgs,
            ],
            Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = options.Port, HostPort = options.Port, Protocol = "TCP" }],
            Resources = Resources("102m", "180Mi", "250m", "180Mi"),
            LivenessProbe = HttpProbe("/", "metrics", 10),
            ReadinessProbe = HttpProbe("/", "metrics", 10),
            SecurityContext = security,
            HostNetwork = true,
            HostPID = true,
            HostPaths =
            [
                new HostPathMount("proc", "/proc", "/host/proc"),
                new HostPathMount("sys", "/sys", "/host/sys"),
                new HostPathMount("root", "/", "/host/root", MountPropagation: "HostToContainer"),
            ],
            NodeSelector = LinuxOnly(),
            NodeAffinity = AvoidVirtualAndOptedOutNodes(),
            Tolerations = Tolerations.EveryTaint(),
            UpdateStrategy = UpdateStrategies.RollingUpdate("10%"),
        };
        return options.ApplyTo(spec);
    }
}
