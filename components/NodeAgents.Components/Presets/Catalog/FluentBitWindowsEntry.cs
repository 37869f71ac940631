using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Presets.Catalog;

/// <summary>
/// Fluent Bit for Windows nodes (<c>preset: fluent-bit-windows</c>, role logging): the Linux <c>fluent-bit</c> preset's
/// agent (<see cref="LoggingAgentPreset"/>: the same <see cref="LoggingAgentOptions"/> with its <c>output</c>, the same
/// kubernetes filter, HTTP server on port 2020, probes, RBAC and resources) with what differs on Windows. Added to the
/// catalog by this one file.
/// <list type="bullet">
/// <item>The Fluent Bit docs, "Kubernetes" › "Windows deployment" (fluent/fluent-bit-docs <c>installation/kubernetes.md</c>):
/// Fluent Bit runs in Windows pods since 1.5.0; the file to follow is <c>C:\var\log\containers\&lt;pod&gt;_&lt;namespace&gt;_&lt;container&gt;-&lt;id&gt;.log</c>
/// from the hostPath <c>C:\var\log</c>, with a tail input (<c>Mem_Buf_Limit 7MB</c>, <c>Refresh_Interval 10</c>, paths
/// written with doubled backslashes) and the kubernetes filter; its DNS retries (6 × 30 s by default) cover Windows pods
/// whose network comes up late. Not a HostProcess pod: an ordinary Windows container reading hostPath volumes. The Linux
/// preset's kubernetes filter works unchanged: Fluent Bit's Windows build defaults <c>Kube_Tag_Prefix</c> to
/// <c>kube.c.var.log.containers.</c> (fluent/fluent-bit <c>plugins/filter_kubernetes/kube_conf.h</c>).</item>
/// <item>The image: fluent/fluent-bit <c>.github/workflows/call-build-images.yaml</c> builds <c>dockerfiles/Dockerfile.windows</c>
/// with <c>WINDOWS_VERSION=ltsc2022</c> as <c>windows-2022-&lt;version&gt;</c>, and <c>staging-release.yaml</c> promotes it to
/// <c>ghcr.io/fluent/fluent-bit</c> (v3.2.10, the Linux preset's release); the image holds <c>C:\fluent-bit\bin\fluent-bit.exe</c>
/// and its default config in <c>C:\fluent-bit\etc</c>, beside which the preset's ConfigMap is mounted (<c>etc\conf</c>).
/// Only amd64 is built.</item>
/// <item>Node selection: <c>kubernetes.io/os: windows</c> and, because a process-isolated Windows container must match the
/// host's build, <c>node.kubernetes.io/windows-build: 10.0.20348</c> (Windows Server 2022), as kubernetes.io/docs/concepts/windows/user-guide
/// ("Handling multiple Windows versions in the same cluster") says; that guide also asks Windows pods to set
/// <c>spec.os.name: windows</c>, which the preset does, so the API applies its Windows field rules (no Linux
/// securityContext fields: the container carries none).</item>
/// </list>
/// Where the preset departs from the docs' example, for least privilege: it does not mount <c>C:\k</c> (the kubelet's
/// kubeconfig and certificates are there; the docs mount it only to tail <c>kubelet.err.log</c>, and Windows cannot mount a
/// single file) nor <c>C:\ProgramData</c> (Docker's log files behind the symlinks: since dockershim's removal in Kubernetes
/// 1.24 the kubelet points them at <c>C:\var\log\pods</c>, inside the <c>C:\var\log</c> mount); the mounts are read-only,
/// and the offset database lives in a writable <c>C:\var\lib\fluent-bit</c> on the node rather than in the container, so a
/// restarted pod resumes where it stopped. Tolerates every taint, e.g. the AKS spot taint of the real Windows node in
/// <c>../shared/data/nodes</c>.
/// </summary>
public static class FluentBitWindowsPreset
{
    /// <summary>The catalog name.</summary>
    public const string PresetName = "fluent-bit-windows";

    /// <summary>The default image: the Windows Server 2022 build of the Linux preset's release.</summary>
    public static ImageReference DefaultImage { get; } = new("ghcr.io/fluent/fluent-bit", "windows-2022-" + LoggingAgentPreset.DefaultImage.Tag);

    /// <summary>The Windows build the image matches (the node label <c>node.kubernetes.io/windows-build</c>).</summary>
    public const string WindowsBuild = "10.0.20348";

    /// <summary>Where the offset database lives on the node (and in the container).</summary>
    public const string StateDirectory = @"C:\var\lib\fluent-bit";

    /// <summary>The tail input: the docs' path and buffer limit, the database in <see cref="StateDirectory"/>.</summary>
    public static FluentBitTail Tail { get; } = new(@"C:\\var\\log\\containers\\*.log", @"C:\\var\\lib\\fluent-bit\\flb_kube.db", "7MB");

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(LoggingAgentOptions? options = null)
    {
        options ??= new LoggingAgentOptions();
        return options.ApplyTo(LoggingAgentPreset.Spec(options) with
        {
            Name = PresetName,
            Image = DefaultImage,
            Command = [@"C:\fluent-bit\bin\fluent-bit.exe"],
            Args = [@"--config=C:\fluent-bit\etc\conf\fluent-bit.conf"],
            SecurityContext = new V1SecurityContext(),
            Os = "windows",
            HostPaths =
            [
                new HostPathMount("varlog", @"C:\var\log", @"C:\var\log"),
                new HostPathMount("state", StateDirectory, StateDirectory, HostPathTypes.DirectoryOrCreate, Writable: true),
            ],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["fluent-bit.conf"] = LoggingAgentPreset.Config(options, Tail) },
            ConfigMount = new ConfigMount(@"C:\fluent-bit\etc\conf"),
            NodeSelector = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = WindowsBuild },
            Requirements = new NodeRequirements { Architectures = ["amd64"] },
        });
    }

    [ModuleInitializer, SuppressMessage("Usage", "CA2255", Justification = "Each preset's own file fills the catalog, so a new preset is one file.")]
    internal static void Register() => PresetCatalog.Register(new AgentPreset<LoggingAgentOptions>(PresetName, AgentRole.Logging, options => Build(options)));
}
