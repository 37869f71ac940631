using k8s.Models;
using NodeAgents.Model;
using static NodeAgents.Presets.PresetDefaults;

namespace NodeAgents.Presets;

/// <summary>
/// NodeLocal DNSCache (k8s-dns-node-cache, CoreDNS as a node-local cache) as the network agent. Facts from
/// kubernetes/kubernetes <c>cluster/addons/dns/nodelocaldns/nodelocaldns.yaml</c> and the "Using NodeLocal DNSCache"
/// docs: host network with <c>dnsPolicy: Default</c>, NET_ADMIN for its iptables rules, port 53 UDP and TCP plus
/// metrics 9253 on the node, the Corefile in a ConfigMap (<c>/etc/coredns/Corefile.base</c>), the writable
/// <c>/run/xtables.lock</c>, priority class <c>system-node-critical</c>. It binds host ports, so its rollout uses
/// maxUnavailable (10%) and never maxSurge.
/// </summary>
public static class NetworkAgentPreset
{
    /// <summary>The default image.</summary>
    public static ImageReference DefaultImage { get; } = new("registry.k8s.io/dns/k8s-dns-node-cache", "1.26.4");

    /// <summary>Builds the spec; <paramref name="options"/> null means all defaults.</summary>
    public static NodeAgentSpec Build(NetworkAgentOptions? options = null)
    {
        options ??= new NetworkAgentOptions();
        var security = SecureDefaults.ContainerSecurityContext();
        security.Capabilities.Add = ["NET_ADMIN"];
        // node-cache writes the expanded Corefile to /etc/Corefile and its pid file to /tmp.
        security.ReadOnlyRootFilesystem = false;
        var spec = new NodeAgentSpec
        {
            Name = "node-local-dns",
            Role = AgentRole.Network,
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
            ],
            Resources = Resources("25m", "5Mi", null, "64Mi"),
            LivenessProbe = HttpProbe("/health", 8080, 10, initialDelaySeconds: 60, host: options.LocalIP),
            SecurityContext = security,
            HostNetwork = true,
            DnsPolicy = "Default",
            PriorityClassName = "system-node-critical",
            HostPaths = [new HostPathMount("xtables-lock", "/run/xtables.lock", "/run/xtables.lock", HostPathTypes.FileOrCreate, Writable: true)],
            ConfigFiles = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Corefile.base"] = Corefile(options) },
            ConfigMount = new ConfigMount("/etc/coredns"),
            NodeSelector = LinuxOnly(),
            Tolerations = Tolerations.EveryTaint(),
            UpdateStrategy = UpdateStrategies.RollingUpdate("10%"),
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
