using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>Options of the Windows monitoring agent (<c>preset: windows-exporter</c>); only the options every preset takes.</summary>
public sealed record WindowsExporterOptions : AgentOptions;

/// <summary>
/// Prometheus windows_exporter as a HostProcess pod: the monitoring agent of Windows nodes, added to the catalog by this
/// one file. Facts from prometheus-community/windows_exporter <c>kubernetes/windows-exporter-daemonset.yaml</c>: pod
/// securityContext <c>windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\system"}</c>, hostNetwork, an init
/// container (<c>mcr.microsoft.com/windows/nanoserver:1809</c>) opening port 9182 in the Windows firewall with
/// <c>New-NetFirewallRule</c>, the exporter reading <c>%CONTAINER_SANDBOX_MOUNT_POINT%/config.yml</c> (its ConfigMap
/// mounted by subPath at <c>/config.yml</c>: default collectors plus <c>container</c>, services containerd and kubelet),
/// port <c>http</c> 9182 on the node, <c>nodeSelector kubernetes.io/os: windows</c>; <c>spec.os.name: windows</c> as
/// kubernetes.io/docs/concepts/windows/user-guide asks of every Windows pod. Upstream runs <c>:latest</c>; the
/// preset pins release 0.31.2. A HostProcess pod runs as a process on the host: Linux securityContext fields
/// (capabilities, seccomp, read-only root filesystem) do not apply, so the containers carry none. Upstream's manifest and
/// its Helm chart (prometheus-community/helm-charts <c>prometheus-windows-exporter</c>, <c>resources: {}</c>) set no
/// resources; the preset's are this project's choice, the prod stack's: requests 50m cpu and 64Mi memory, limits 200m and
/// 256Mi, so that <c>plan</c> counts the agent and the kubelet does not evict it first (override them once measured).
/// Tolerates every taint,
/// e.g. the AKS spot taint of the real Windows node in <c>../shared/data/nodes</c>.
/// </summary>
public static class WindowsExporterPreset
{
    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("ghcr.io/prometheus-community/windows-exporter", "0.31.2");

    /// <summary>The metrics port, on the node (host network).</summary>
    public const int Port = 9182;

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(WindowsExporterOptions? options = null)
    {
        options ??= new WindowsExporterOptions();
        var spec = new NodeAgentSpec
        {
            Name = "windows-exporter",
            Role = AgentRole.Monitoring,
            Image = DefaultImage,
            Args = ["--config.file=%CONTAINER_SANDBOX_MOUNT_POINT%/config.yml"],
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = Port, HostPort = Port, Protocol = "TCP" }],
            Resources = PresetDefaults.Resources("50m", "64Mi", "200m", "256Mi"),
            SecurityContext = new V1SecurityContext(),
            PodSecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true, RunAsUserName = "NT AUTHORITY\\system" } },
            HostNetwork = true,
            Os = "windows",
            InitContainers =
            [
                new V1Container
                {
                    Name = "configure-firewall",
                    Image = "mcr.microsoft.com/windows/nanoserver:1809",
                    Command = ["powershell"],
                    Args = ["New-NetFirewallRule", "-DisplayName", "'windows-exporter'", "-Direction", "inbound", "-Profile", "Any", "-Action", "Allow", "-LocalPort", $"{Port}", "-Protocol", "TCP"],
                },
            ],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["config.yml"] = "collectors:\n  enabled: '[defaults],container'\ncollector:\n  service:\n    services-where: \"Name='containerd' or Name='kubelet'\"\n",
            },
            ConfigMount = new ConfigMount("/", PerFile: true),
            NodeSelector = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/os"] = "windows" },
            NodeAffinity = PresetDefaults.AvoidVirtualAndOptedOutNodes(),
            Tolerations = Tolerations.EveryTaint(),
            UpdateStrategy = UpdateStrategies.RollingUpdate(1),
        };
        return options.ApplyTo(spec);
    }

    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() => PresetCatalog.Register(new AgentPreset<WindowsExporterOptions>("windows-exporter", AgentRole.Monitoring, options => Build(options)));
}
