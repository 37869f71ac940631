using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Presets.PresetDefaults;

namespace NodeAgents.Presets;

/// <summary>
/// NodeLocal DNSCache (k8s-dns-node-cache, CoreDNS as a node-local cache) as the network agent. Facts from
/// kubernetes/kubernetes <c>cluster/addons/dns/nodelocaldns/nodelocaldns.yaml</c> and the "Using NodeLocal DNSCache"
/// docs: runs in <c>kube-system</c> (pinned, see <see cref="NodeAgentSpec.NamespacePinned"/>) next to the
/// <c>kube-dns-upstream</c> Service it reads its upstream from, host network with <c>dnsPolicy: Default</c>, port 53 UDP
/// and TCP, metrics 9253 and health 8080 on the node, the Corefile in a ConfigMap (<c>/etc/coredns/Corefile.base</c>),
/// the writable <c>/run/xtables.lock</c>, priority class <c>system-node-critical</c>. It binds host ports, so its rollout
/// uses maxUnavailable (10%) and never maxSurge.
/// <para>
/// Capabilities: every one dropped, then exactly <see cref="Capabilities"/> added back: NET_ADMIN for its iptables rules
/// and the dummy interface, NET_BIND_SERVICE to bind port 53 (a privileged port even for root once ALL is dropped;
/// kubernetes/kubernetes PR 121513, "fix: Add explicit drop ALL in Nodelocal DNS Cache capabilities"), and NET_RAW for
/// iptables-legacy, whose libiptc talks to the kernel over a raw socket.
/// </para>
/// <para>
/// Upstream lookup: node-cache started with <c>-upstreamsvc kube-dns-upstream</c> reads
/// <c>KUBE_DNS_UPSTREAM_SERVICE_HOST</c>, which the kubelet injects only for Services of the pod's own namespace; the
/// Service must select the kube-dns (CoreDNS) pods, and a Service selects pods of its own namespace only. So the agent,
/// its Service (<see cref="UpstreamService"/>) and CoreDNS all live in <c>kube-system</c>, as in upstream's
/// <c>nodelocaldns.yaml</c>. Moving the agent with its own <c>namespace</c> option moves the Service too, which then
/// selects nothing unless CoreDNS runs there as well.
/// </para>
/// </summary>
public static class NetworkAgentPreset
{
    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("registry.k8s.io/dns/k8s-dns-node-cache", "1.26.4");

    /// <summary>The namespace the agent runs in unless its own options say otherwise: <c>kube-system</c>, where kube-dns runs.</summary>
    public const string DefaultNamespace = "kube-system";

    /// <summary>The container port of the health endpoint (CoreDNS <c>health</c> plugin, bound on the local IP): 8080/TCP.</summary>
    public const int HealthPort = 8080;

    /// <summary>The capabilities added back after dropping ALL: NET_ADMIN, NET_BIND_SERVICE, NET_RAW (see the type's remarks).</summary>
    public static IReadOnlyList<string> Capabilities { get; } = ["NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW"];

    /// <summary>The labels of the kube-dns (CoreDNS) pods the upstream Service selects: <c>k8s-app: kube-dns</c>.</summary>
    public static IReadOnlyDictionary<string, string> KubeDnsSelector { get; } =
        new SortedDictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" };

    /// <summary>
    /// The upstream Service node-cache reads its upstream address from: named <see cref="NetworkAgentOptions.UpstreamService"/>
    /// (default <c>kube-dns-upstream</c>), selecting <see cref="KubeDnsSelector"/>, ports <c>dns</c> 53/UDP and
    /// <c>dns-tcp</c> 53/TCP, both with targetPort 53; a ClusterIP Service as in upstream's <c>nodelocaldns.yaml</c>.
    /// </summary>
    public static V1Service UpstreamService(NetworkAgentOptions options) => new()
    {
        Metadata = new V1ObjectMeta { Name = options.UpstreamService },
        Spec = new V1ServiceSpec
        {
            Selector = new SortedDictionary<string, string>(KubeDnsSelector.ToDictionary(), StringComparer.Ordinal),
            Ports =
            [
                new V1ServicePort { Name = "dns", Port = 53, Protocol = "UDP", TargetPort = 53 },
                new V1ServicePort { Name = "dns-tcp", Port = 53, Protocol = "TCP", TargetPort = 53 },
            ],
        },
    };

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(NetworkAgentOptions? options = null)
    {
        options ??= new NetworkAgentOptions();
        var security = SecureDefaults.ContainerSecurityContext();
        security.Capabilities.Add = [.. Capabilities];
        // node-cache writes the expanded Corefile to /etc/Corefile and its pid file to /tmp.
        security.ReadOnlyRootFilesystem = false;
        var spec = new NodeAgentSpec
        {
            Name = "node-local-dns",
            Role = AgentRole.Network,
            Namespace = DefaultNamespace,
            NamespacePinned = true,
            Image = DefaultImage,
            Args =
            [
                "-localip", $"{options.LocalIP},{options.DnsServer}",
                "-conf", "/etc/Corefile",
                "-upstreamsvc", options.UpstreamService,
                "-pidfile", "/tmp/node-cache.pid",
            ],
            Ports =
            [
                new V1ContainerPort { Name = "dns", ContainerPort = 53, HostPort = 53, Protocol = "UDP" },
                new V1ContainerPort { Name = "dns-tcp", ContainerPort = 53, HostPort = 53, Protocol = "TCP" },
                new V1ContainerPort { Name = "metrics", ContainerPort = 9253, HostPort = 9253, Protocol = "TCP" },
                new V1ContainerPort { Name = "health", ContainerPort = HealthPort, HostPort = HealthPort, Protocol = "TCP" },
            ],
            Services = [UpstreamService(options)],
            Resources = Resources("25m", "5Mi", null, "64Mi"),
            LivenessProbe = HttpProbe("/health", "health", 10, initialDelaySeconds: 60, host: options.LocalIP),
            SecurityContext = security,
            HostNetwork = true,
            DnsPolicy = "Default",
            PriorityClassName = "system-node-critical",
            HostPaths = [new HostPathMount("xtables-lock", "/run/xtables.lock", "/run/xtables.lock", HostPathTypes.FileOrCreate, Writable: true)],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Corefile.base"] = Corefile(options) },
            ConfigMount = new ConfigMount("/etc/coredns"),
            NodeSelector = LinuxOnly(),
            NodeAffinity = AvoidVirtualAndOptedOutNodes(),
            Tolerations = Tolerations.EveryTaint(),
            UpdateStrategy = UpdateStrategies.RollingUpdate("10%"),

            // kubernetes/dns rules.mk: ALL_ARCH := amd64 arm arm64 ppc64le s390x, pushed as one manifest list.
            Requirements = new NodeRequirements { Architectures = ["amd64", "arm", "arm64", "ppc64le", "s390x"] },
        };
        return options.ApplyTo(spec);
    }

    /// <summary>
    /// The Corefile template, upstream's with its placeholders filled from the options, except
    /// <c>__PILLAR__CLUSTER__DNS__</c>, which node-cache fills at start from the upstream Service, as upstream documents.
    /// </summary>
    public static string Corefile(NetworkAgentOptions options)
    {
        var bind = $"bind {options.LocalIP} {options.DnsServer}";
        var log = options.LogQueries ? "\n    log" : "";
        string Zone(string zone, string cache, string forward, string extra = "") => $$"""
            {{zone}}:53 {
                errors{{log}}
                {{cache}}
                reload
                loop
                {{bind}}
                {{forward}}
                prometheus :9253{{extra}}
            }
            """;
        const string clusterForward = "forward . __PILLAR__CLUSTER__DNS__ {\n        force_tcp\n    }";
        return string.Join("\n", new[]
        {
            Zone(options.DnsDomain, "cache {\n        success 9984 30\n        denial 9984 5\n    }", clusterForward, $"\n    health {options.LocalIP}:8080"),
            Zone("in-addr.arpa", "cache 30", clusterForward),
            Zone("ip6.arpa", "cache 30", clusterForward),
            Zone(".", "cache 30", $"forward . {options.UpstreamServers}"),
        }) + "\n";
    }
}
