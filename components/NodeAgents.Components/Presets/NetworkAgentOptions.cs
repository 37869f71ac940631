namespace NodeAgents.Presets;

/// <summary>Options of the NodeLocal DNSCache network agent (see <see cref="NetworkAgentPreset"/>).</summary>
public sealed record NetworkAgentOptions : AgentOptions
{
    /// <summary>The link-local address the cache listens on, on every node. Default <c>169.254.20.10</c> (the Kubernetes docs' choice).</summary>
    public string LocalIP { get; init; } = "169.254.20.10";

    /// <summary>The ClusterIP of the kube-dns Service, also bound by the cache in iptables mode. Default <c>10.96.0.10</c> (kubeadm's default).</summary>
    public string DnsServer { get; init; } = "10.96.0.10";

    /// <summary>The cluster domain. Default <c>cluster.local</c>.</summary>
    public string DnsDomain { get; init; } = "cluster.local";

    /// <summary>
    /// The Service through which the cache reaches kube-dns (node-cache's <c>-upstreamsvc</c>; node-cache fills
    /// <c>__PILLAR__CLUSTER__DNS__</c> from it, via the <c>&lt;NAME&gt;_SERVICE_HOST</c> variable the kubelet injects for
    /// Services of the pod's namespace). Default <c>kube-dns-upstream</c>, as in the upstream manifest. The preset emits this
    /// Service (selecting <c>k8s-app: kube-dns</c>) in the agent's namespace, see <see cref="NetworkAgentPreset.UpstreamService"/>.
    /// </summary>
    public string UpstreamService { get; init; } = "kube-dns-upstream";

    /// <summary>Where names outside the cluster are forwarded. Default <c>/etc/resolv.conf</c> (the node's resolvers).</summary>
    public string UpstreamServers { get; init; } = "/etc/resolv.conf";

    /// <summary>Log every query (CoreDNS <c>log</c> plugin); for debugging. Default false.</summary>
    public bool LogQueries { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<OptionProblem> Check()
    {
        var problems = base.Check().ToList();
        OptionChecks.IPv4(problems, "localIP", LocalIP);
        OptionChecks.IP(problems, "dnsServer", DnsServer);
        if (LocalIP == DnsServer)
        {
            problems.Add(new OptionProblem("localIP", $"'{LocalIP}' is also dnsServer: node-cache listens on both, so they must differ (the Kubernetes docs use the link-local 169.254.20.10)"));
        }
        OptionChecks.Subdomain(problems, "dnsDomain", DnsDomain, "a DNS domain");
        OptionChecks.Subdomain(problems, "upstreamService", UpstreamService, "a Service name");
        if (UpstreamServers != "/etc/resolv.conf")
        {
            foreach (var server in UpstreamServers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                OptionChecks.IP(problems, "upstreamServers", server);
            }
        }

        return problems;
    }
}
