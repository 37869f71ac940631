using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Presets.PresetDefaults;

namespace NodeAgents.Presets.Catalog;

/// <summary>Options of the NVIDIA DCGM exporter (<c>preset: dcgm-exporter</c>); only the options every preset takes.</summary>
public sealed record DcgmExporterOptions : AgentOptions;

/// <summary>
/// The NVIDIA DCGM exporter: GPU metrics for Prometheus, role <c>gpu</c>, added to the catalog by this one file. Facts
/// from NVIDIA/dcgm-exporter <c>dcgm-exporter.yaml</c> (release 4.2.3-4.1.3): image
/// <c>nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3-4.1.3-ubuntu22.04</c>, <c>DCGM_EXPORTER_LISTEN=:9400</c> and
/// <c>DCGM_EXPORTER_KUBERNETES=true</c> (pod attribution), port <c>metrics</c> 9400, runs as root
/// (<c>runAsUser: 0</c>, <c>runAsNonRoot: false</c>) with <c>SYS_ADMIN</c> added, and reads the kubelet's
/// <c>/var/lib/kubelet/pod-resources</c> socket directory read-only. Upstream sets no read-only root filesystem, so
/// neither does the preset; every other capability is dropped. It runs only on GPU nodes: those labelled by NVIDIA GPU
/// feature discovery (<c>nvidia.com/gpu.present=true</c>), AKS GPU node pools (<c>accelerator=nvidia</c>, as the real AKS
/// GPU node in <c>../shared/data/nodes</c> carries it) or GKE GPU node pools (<c>cloud.google.com/gke-accelerator</c>),
/// each ANDed with the guard; it tolerates every taint (GPU pools are usually tainted, e.g. AKS <c>sku=gpu:NoSchedule</c>).
/// Resources as the later <c>deployment/examples/dcgm-exporter.yaml</c> (release 4.6.1-4.8.4) sets them: requests 100m
/// cpu and 128Mi memory, limits 200m and 256Mi.
/// </summary>
public static class DcgmExporterPreset
{
    /// <summary>The role of its agents.</summary>
    public static AgentRole Role { get; } = AgentRole.Of("gpu");

    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("nvcr.io/nvidia/k8s/dcgm-exporter", "4.2.3-4.1.3-ubuntu22.04");

    /// <summary>The metrics port.</summary>
    public const int Port = 9400;

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(DcgmExporterOptions? options = null)
    {
        options ??= new DcgmExporterOptions();
        var security = SecureDefaults.ContainerSecurityContext();
        security.RunAsUser = 0;
        security.RunAsNonRoot = false;
        security.ReadOnlyRootFilesystem = false;
        security.Capabilities.Add = ["SYS_ADMIN"];
        var spec = new NodeAgentSpec
        {
            Name = "dcgm-exporter",
            Role = Role,
            Image = DefaultImage,
            Env =
            [
                new V1EnvVar { Name = "DCGM_EXPORTER_LISTEN", Value = $":{Port}" },
                new V1EnvVar { Name = "DCGM_EXPORTER_KUBERNETES", Value = "true" },
            ],
            Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = Port, Protocol = "TCP" }],
            Resources = Resources("100m", "128Mi", "200m", "256Mi"),
            SecurityContext = security,
            HostPaths = [new HostPathMount("pod-gpu-resources", "/var/lib/kubelet/pod-resources", "/var/lib/kubelet/pod-resources")],
            NodeSelector = LinuxOnly(),
            NodeAffinity = NodeAffinityComposition.Compose(AvoidVirtualAndOptedOutNodes(), GpuNodes(), keepGuard: true),
            Tolerations = Tolerations.EveryTaint(),
            UpdateStrategy = UpdateStrategies.RollingUpdate(1),
        };
        return options.ApplyTo(spec);
    }

    /// <summary>Required node affinity for GPU nodes: any one of the three labels.</summary>
    public static V1NodeAffinity GpuNodes() => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
        {
            NodeSelectorTerms =
            [
                new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "nvidia.com/gpu.present", OperatorProperty = "In", Values = ["true"] }] },
                new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "accelerator", OperatorProperty = "In", Values = ["nvidia"] }] },
                new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "cloud.google.com/gke-accelerator", OperatorProperty = "Exists" }] },
            ],
        },
    };

    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() => PresetCatalog.Register(new AgentPreset<DcgmExporterOptions>("dcgm-exporter", Role, options => Build(options)));
}
