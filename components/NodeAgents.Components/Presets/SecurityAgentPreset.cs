using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Presets.PresetDefaults;

namespace NodeAgents.Presets;

/// <summary>
/// Falco with the modern eBPF driver as the security agent. Facts from falcosecurity/deploy-kubernetes and the Falco
/// docs ("Least privileged mode"): the modern eBPF probe needs the capabilities BPF, PERFMON, SYS_RESOURCE and SYS_PTRACE
/// (privileged only when asked for), reads the host's <c>/proc</c>, <c>/boot</c>, <c>/lib/modules</c>, <c>/usr</c>,
/// <c>/etc</c> and <c>/dev</c> read-only under <c>/host</c>, serves <c>/healthz</c> on 8765, keeps <c>falco.yaml</c> and local
/// rules in a ConfigMap mounted file by file into <c>/etc/falco</c> (keeping the image's default rules), and tolerates every
/// taint: a node without the security agent is a blind spot. Container metadata comes from the runtime socket through
/// Falco's container plugin, so it needs no API access.
/// </summary>
public static class SecurityAgentPreset
{
    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("docker.io/falcosecurity/falco", "0.44.1");

    /// <summary>The web server port (<c>/healthz</c>).</summary>
    public const int WebPort = 8765;

    /// <summary>The capabilities the modern eBPF driver needs in least-privilege mode.</summary>
    public static IReadOnlyList<string> LeastPrivilegeCapabilities { get; } = ["BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE"];

    /// <summary>
    /// What Falco needs of a node. Kernel: the Falco docs ("Kernel Events", modern eBPF probe requirements): "usually, all
    /// versions &gt;=5.8 are enough", older kernels only where the distribution backported the features (BTF, BPF ring
    /// buffer, tracing programs). Runtime: the preset mounts only the containerd socket, so on CRI-O or Docker nodes the
    /// container plugin has no runtime to ask and events lack container metadata. Architectures: Falco's release notes
    /// publish x86_64 and aarch64 artifacts (docker.io/falcosecurity/falco).
    /// </summary>
    public static NodeRequirements Requirements { get; } = new()
    {
        MinimumKernel = "5.8",
        KernelNeededBy = "Falco's modern eBPF driver",
        ContainerRuntimes = [new RuntimeSocket("containerd", "/run/containerd/containerd.sock")],
        RuntimesNeededFor = "container metadata",
        Architectures = ["amd64", "arm64"],
    };

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(SecurityAgentOptions? options = null)
    {
        options ??= new SecurityAgentOptions();
        var security = SecureDefaults.ContainerSecurityContext();
        if (options.Privileged)
        {
            security = new V1SecurityContext { Privileged = true };
        }
        else
        {
            security.Capabilities.Add = [.. LeastPrivilegeCapabilities];
        }

        var spec = new NodeAgentSpec
        {
            Name = "falco",
            Role = AgentRole.Security,
            Image = DefaultImage,
            Args = ["/usr/bin/falco"],
            Env =
            [
                new V1EnvVar { Name = "HOST_ROOT", Value = "/host" },
                FieldRef("FALCO_HOSTNAME", "spec.nodeName"),
                FieldRef("FALCO_K8S_NODE_NAME", "spec.nodeName"),
            ],
            Ports = [new V1ContainerPort { Name = "web", ContainerPort = WebPort, Protocol = "TCP" }],
            Resources = Resources("100m", "512Mi", "1000m", "1024Mi"),
            LivenessProbe = HttpProbe("/healthz", WebPort, 15, initialDelaySeconds: 60),
            ReadinessProbe = HttpProbe("/healthz", WebPort, 15, initialDelaySeconds: 30),
            SecurityContext = security,
            HostPaths =
            [
                new HostPathMount("proc", "/proc", "/host/proc"),
                new HostPathMount("boot", "/boot", "/host/boot"),
                new HostPathMount("lib-modules", "/lib/modules", "/host/lib/modules"),
                new HostPathMount("usr", "/usr", "/host/usr"),
                new HostPathMount("etc", "/etc", "/host/etc"),
                new HostPathMount("dev", "/dev", "/host/dev"),
                new HostPathMount("containerd-socket", "/run/containerd/containerd.sock", "/host/run/containerd/containerd.sock"),
            ],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["falco.yaml"] = FalcoYaml(options),
                ["falco_rules.local.yaml"] = options.LocalRules,
            },
            ConfigMount = new ConfigMount("/etc/falco", PerFile: true),
            NodeSelector = LinuxOnly(),
            NodeAffinity = AvoidVirtualAndOptedOutNodes(),
            Tolerations = Tolerations.EveryTaint(),
            Requirements = Requirements,
            UpdateStrategy = UpdateStrategies.RollingUpdate("10%"),
        };
        return options.ApplyTo(spec);
    }

    /// <summary>
    /// The <c>falco.yaml</c> text for the options. The container plugin's socket paths are host paths: the plugin prefixes
    /// them with <c>HOST_ROOT</c> (<c>/host</c>), where the socket is mounted.
    /// </summary>
    public static string FalcoYaml(SecurityAgentOptions options)
    {
        var alert = options.Mode == "alert";
        return $"""
            engine:
              kind: modern_ebpf
              modern_ebpf:
                cpus_for_each_buffer: 2
                buf_size_preset: 4
                drop_failed_exit: false
            rules_files:
              - /etc/falco/falco_rules.yaml
              - /etc/falco/falco_rules.local.yaml
            load_plugins: [container]
            plugins:
              - name: container
                library_path: libcontainer.so
                init_config:
                  engines:
                    containerd:
                      enabled: true
                      sockets: [/run/containerd/containerd.sock]
                    cri:
                      enabled: true
                      sockets: [/run/containerd/containerd.sock]
            priority: {options.MinimumPriority}
            json_output: true
            json_include_output_property: true
            log_level: {options.LogLevel}
            log_stderr: true
            log_syslog: false
            stdout_output:
              enabled: true
            syslog_output:
              enabled: false
            http_output:
              enabled: {(alert ? "true" : "false")}
              url: "{(alert ? options.AlertUrl : "")}"
            webserver:
              enabled: true
              listen_port: {WebPort}
              k8s_healthz_endpoint: /healthz

            """;
    }
}
