using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;

namespace NodeAgents.Components.Tests.Presets;

public class PresetTests
{
    public static TheoryData<string> Presets => ["logging", "monitoring", "network", "security"];

    private static NodeAgentSpec Build(string preset) => preset switch
    {
        "logging" => LoggingAgentPreset.Build(),
        "monitoring" => MonitoringAgentPreset.Build(),
        "network" => NetworkAgentPreset.Build(),
        _ => SecurityAgentPreset.Build(),
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Selector_is_name_and_instance_and_matches_the_template_labels(string preset)
    {
        var daemonSet = NodeAgentBuilder.Build(Build(preset)).DaemonSet;
        var selector = daemonSet.Spec.Selector.MatchLabels;

        Assert.Equal(["app.kubernetes.io/instance", "app.kubernetes.io/name"], selector.Keys.Order());
        foreach (var (key, value) in selector)
        {
            Assert.Equal(value, daemonSet.Spec.Template.Metadata.Labels[key]);
        }

        Assert.DoesNotContain("app.kubernetes.io/version", selector.Keys);
        Assert.Equal(Build(preset).Image.Tag, daemonSet.Spec.Template.Metadata.Labels["app.kubernetes.io/version"]);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Config_checksum_sits_on_the_pod_template_only(string preset)
    {
        var objects = NodeAgentBuilder.Build(Build(preset));
        if (objects.ConfigMap is null)
        {
            Assert.Null(objects.DaemonSet.Spec.Template.Metadata.Annotations);
            return;
        }

        Assert.Equal(ConfigChecksum.Compute(objects.ConfigMap.Data), objects.DaemonSet.Spec.Template.Metadata.Annotations[ConfigChecksum.Annotation]);
        Assert.DoesNotContain(ConfigChecksum.Annotation, objects.DaemonSet.Metadata.Annotations?.Keys ?? []);
    }

    [Fact]
    public void Checksum_changes_when_config_data_changes_and_only_then()
    {
        static string Checksum(LoggingAgentOptions options) =>
            NodeAgentBuilder.Build(LoggingAgentPreset.Build(options)).DaemonSet.Spec.Template.Metadata.Annotations[ConfigChecksum.Annotation];

        var baseline = Checksum(new LoggingAgentOptions());
        Assert.NotEqual(baseline, Checksum(new LoggingAgentOptions { LogLevel = "debug" }));
        Assert.NotEqual(baseline, Checksum(new LoggingAgentOptions { Output = new LogOutput { Host = "other.svc" } }));
        Assert.Equal(baseline, Checksum(new LoggingAgentOptions { PriorityClassName = "system-node-critical", Image = new ImageReference("example.org/fluent-bit", "9.9.9") }));
    }

    [Fact]
    public void Logging_reads_var_log_read_only_and_keeps_state_in_a_writable_DirectoryOrCreate()
    {
        var objects = NodeAgentBuilder.Build(LoggingAgentPreset.Build());
        var pod = objects.DaemonSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        Assert.Equal(("/var/log", (string?)null), HostPath(pod, "varlog"));
        Assert.Equal(("/var/lib/fluent-bit", (string?)"DirectoryOrCreate"), HostPath(pod, "state"));
        Assert.True(container.VolumeMounts.Single(m => m.Name == "varlog").ReadOnlyProperty);
        Assert.Null(container.VolumeMounts.Single(m => m.Name == "state").ReadOnlyProperty);
        Assert.Equal("spec.nodeName", container.Env.Single(e => e.Name == "NODE_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("/api/v1/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(2020, container.Ports.Single(p => p.Name == "http").ContainerPort);

        var rule = objects.ClusterRole!.Rules.Single();
        Assert.Equal(["namespaces", "pods"], rule.Resources);
        Assert.Equal(["get", "list", "watch"], rule.Verbs);
        Assert.Equal("fluent-bit", objects.ClusterRoleBinding!.Subjects.Single().Name);
        Assert.Equal("node-agents-fluent-bit", objects.ClusterRole.Metadata.Name);
        Assert.Equal("node-agents-fluent-bit", objects.ClusterRoleBinding.Metadata.Name);
        Assert.Equal("node-agents-fluent-bit", objects.ClusterRoleBinding.RoleRef.Name);
        Assert.True(pod.AutomountServiceAccountToken);
        Assert.All(pod.Tolerations, t => Assert.Equal(("Exists", (string?)null), (t.OperatorProperty, t.Key)));
        Assert.Equal(["NoSchedule", "PreferNoSchedule", "NoExecute"], pod.Tolerations.Select(t => t.Effect));
    }

    [Theory]
    [InlineData("forward", "fluentd.logging.svc", "Name        forward", "Port        24224")]
    [InlineData("loki", "loki.logging.svc", "Name        loki", "Port        3100")]
    [InlineData("es", "elasticsearch.logging.svc", "Name               es", "Port               9200")]
    public void Logging_output_section_follows_the_output_type_with_its_default_host_and_port(string type, string host, string nameLine, string portLine)
    {
        var config = LoggingAgentPreset.Config(new LoggingAgentOptions { Output = new LogOutput { Type = type } });
        Assert.Contains(nameLine, config);
        Assert.Contains(portLine, config);
        Assert.Contains(host, config);
    }

    [Fact]
    public void Generated_shared_key_is_read_from_the_agents_secret_and_never_written_to_config()
    {
        var spec = LoggingAgentPreset.Build(new LoggingAgentOptions { Output = new LogOutput { SharedKey = "generate" } });
        var objects = NodeAgentBuilder.Build(spec);

        var env = objects.DaemonSet.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == LoggingAgentPreset.SharedKeyEnv);
        Assert.Equal("fluent-bit-secrets", env.ValueFrom.SecretKeyRef.Name);
        Assert.Equal("shared-key", env.ValueFrom.SecretKeyRef.Key);
        Assert.Null(objects.Secret!.Data);
        Assert.Null(objects.Secret.StringData);
        Assert.Equal("shared-key", objects.Secret.Metadata.Annotations[NodeAgentBuilder.SuppliedAtDeployAnnotation]);
        Assert.Contains("Shared_Key  ${FORWARD_SHARED_KEY}", objects.ConfigMap!.Data["fluent-bit.conf"]);
        Assert.True(spec.SecretEnv.Single().Source.IsGenerated);
        // One key per aggregator: agents forwarding to the same host and port share the generated value.
        Assert.Equal("forward fluentd.logging.svc:24224", spec.SecretEnv.Single().Source.SharedFor);
        Assert.Equal(
            "forward agg.logging.svc:24225",
            LoggingAgentPreset.Build(new LoggingAgentOptions { Output = new LogOutput { Host = "agg.logging.svc", Port = 24225, SharedKey = "generate" } }).SecretEnv.Single().Source.SharedFor);
    }

    [Fact]
    public void Monitoring_uses_host_namespaces_reads_proc_sys_and_root_and_runs_as_nobody()
    {
        var objects = NodeAgentBuilder.Build(MonitoringAgentPreset.Build());
        var pod = objects.DaemonSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        Assert.True(pod.HostNetwork);
        Assert.True(pod.HostPID);
        Assert.Equal("ClusterFirstWithHostNet", pod.DnsPolicy);
        Assert.All(container.VolumeMounts, mount => Assert.True(mount.ReadOnlyProperty));
        Assert.Equal("HostToContainer", container.VolumeMounts.Single(m => m.Name == "root").MountPropagation);
        Assert.Equal(["/", "/proc", "/sys"], pod.Volumes.Select(v => v.HostPath.Path).Order());
        Assert.Equal(9100, container.Ports.Single().HostPort);
        Assert.True(container.SecurityContext.RunAsNonRoot);
        Assert.Equal(65534, container.SecurityContext.RunAsUser);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal("linux", pod.NodeSelector["kubernetes.io/os"]);
        Assert.Null(objects.ClusterRole);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.False(objects.ServiceAccount.AutomountServiceAccountToken);
        Assert.Equal("10%", objects.DaemonSet.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("0", objects.DaemonSet.Spec.UpdateStrategy.RollingUpdate.MaxSurge.Value);
    }

    [Fact]
    public void Network_binds_dns_on_the_node_and_never_surges()
    {
        var objects = NodeAgentBuilder.Build(NetworkAgentPreset.Build());
        var pod = objects.DaemonSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        Assert.True(pod.HostNetwork);
        Assert.Equal("Default", pod.DnsPolicy);
        Assert.Equal("system-node-critical", pod.PriorityClassName);
        Assert.Equal([("TCP", 53), ("UDP", 53)], container.Ports.Where(p => p.ContainerPort == 53).Select(p => (p.Protocol, p.HostPort ?? 0)).Order());
        Assert.Equal("0", objects.DaemonSet.Spec.UpdateStrategy.RollingUpdate.MaxSurge.Value);
        Assert.Contains("bind 169.254.20.10 10.96.0.10", objects.ConfigMap!.Data["Corefile.base"]);
        Assert.DoesNotContain("__PILLAR__LOCAL__DNS__", objects.ConfigMap.Data["Corefile.base"]);
    }

    [Fact]
    public void Network_drops_all_capabilities_and_adds_back_exactly_NET_ADMIN_NET_BIND_SERVICE_and_NET_RAW()
    {
        var container = NodeAgentBuilder.Build(NetworkAgentPreset.Build()).DaemonSet.Spec.Template.Spec.Containers.Single();

        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal(["NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW"], container.SecurityContext.Capabilities.Add.Order(StringComparer.Ordinal));
        Assert.False(container.SecurityContext.Privileged ?? false);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
    }

    [Fact]
    public void Network_declares_the_health_endpoint_as_host_port_8080_and_probes_it_by_name()
    {
        var container = NodeAgentBuilder.Build(NetworkAgentPreset.Build()).DaemonSet.Spec.Template.Spec.Containers.Single();

        var health = Assert.Single(container.Ports, port => port.Name == "health");
        Assert.Equal((8080, 8080, "TCP"), (health.ContainerPort, health.HostPort ?? 0, health.Protocol));
        Assert.Equal("health", container.LivenessProbe.HttpGet.Port.Value);
        Assert.Equal("/health", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("169.254.20.10", container.LivenessProbe.HttpGet.Host);
        Assert.Contains("health 169.254.20.10:8080", NetworkAgentPreset.Corefile(new NetworkAgentOptions()));
    }

    [Fact]
    public void Network_runs_in_kube_system_pinned_unless_its_options_say_otherwise()
    {
        var spec = NetworkAgentPreset.Build();
        Assert.Equal("kube-system", spec.Namespace);
        Assert.True(spec.NamespacePinned);

        var moved = NetworkAgentPreset.Build(new NetworkAgentOptions { Namespace = "dns" });
        Assert.Equal("dns", moved.Namespace);
        Assert.Equal("dns", Assert.Single(NodeAgentBuilder.Build(moved).Services).Metadata.NamespaceProperty);

        Assert.All(new[] { LoggingAgentPreset.Build(), MonitoringAgentPreset.Build(), SecurityAgentPreset.Build() }, other =>
        {
            Assert.Equal("node-agents", other.Namespace);
            Assert.False(other.NamespacePinned);
            Assert.Empty(other.Services);
        });
    }

    [Fact]
    public void Network_emits_the_kube_dns_upstream_Service_selecting_kube_dns_on_port_53_udp_and_tcp()
    {
        var objects = NodeAgentBuilder.Build(NetworkAgentPreset.Build());
        var service = Assert.Single(objects.Services);

        Assert.Equal(("v1", "Service"), (service.ApiVersion, service.Kind));
        Assert.Equal("kube-dns-upstream", service.Metadata.Name);
        Assert.Equal("kube-system", service.Metadata.NamespaceProperty);
        Assert.Equal(["k8s-app=kube-dns"], service.Spec.Selector.Select(pair => $"{pair.Key}={pair.Value}"));
        Assert.Null(service.Spec.Type);
        Assert.Equal(
            [("dns", 53, "UDP", "53"), ("dns-tcp", 53, "TCP", "53")],
            service.Spec.Ports.Select(port => (port.Name, port.Port, port.Protocol, port.TargetPort.Value)));
        Assert.Equal("network", service.Metadata.Labels["app.kubernetes.io/component"]);
        Assert.Equal("node-local-dns", service.Metadata.Labels["app.kubernetes.io/name"]);

        // node-cache reads <UPSTREAMSVC>_SERVICE_HOST: the Service is named after -upstreamsvc.
        var args = objects.DaemonSet.Spec.Template.Spec.Containers[0].Args;
        Assert.Equal("kube-dns-upstream", args[args.IndexOf("-upstreamsvc") + 1]);
        var renamed = NodeAgentBuilder.Build(NetworkAgentPreset.Build(new NetworkAgentOptions { UpstreamService = "coredns-upstream" }));
        Assert.Equal("coredns-upstream", Assert.Single(renamed.Services).Metadata.Name);
    }

    [Fact]
    public void Security_uses_least_privilege_capabilities_unless_privileged_is_asked_for()
    {
        var pod = NodeAgentBuilder.Build(SecurityAgentPreset.Build()).DaemonSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        Assert.Null(container.SecurityContext.Privileged);
        Assert.Equal(["BPF", "PERFMON", "SYS_PTRACE", "SYS_RESOURCE"], container.SecurityContext.Capabilities.Add.Order());
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        foreach (var path in new[] { "/proc", "/boot", "/lib/modules", "/usr", "/etc", "/dev" })
        {
            var volume = pod.Volumes.Single(v => v.HostPath?.Path == path);
            Assert.True(container.VolumeMounts.Single(m => m.Name == volume.Name).ReadOnlyProperty);
        }

        Assert.Equal(["/etc/falco/falco.yaml", "/etc/falco/falco_rules.local.yaml"], container.VolumeMounts.Where(m => m.SubPath is not null).Select(m => m.MountPath).Order(StringComparer.Ordinal));
        Assert.True(Tolerations.ToleratesEveryTaint(pod.Tolerations));

        var privileged = NodeAgentBuilder.Build(SecurityAgentPreset.Build(new SecurityAgentOptions { Privileged = true })).DaemonSet.Spec.Template.Spec.Containers.Single();
        Assert.True(privileged.SecurityContext.Privileged);
        Assert.Null(privileged.SecurityContext.Capabilities);
    }

    [Theory]
    [InlineData("alert", "enabled: true")]
    [InlineData("audit", "enabled: false")]
    public void Security_mode_switches_the_http_output(string mode, string httpOutput)
    {
        var yaml = SecurityAgentPreset.FalcoYaml(new SecurityAgentOptions { Mode = mode });
        var section = yaml[yaml.IndexOf("http_output:", StringComparison.Ordinal)..];
        Assert.StartsWith("http_output:\n  " + httpOutput, section);
        Assert.Contains("kind: modern_ebpf", yaml);
        // The container plugin prefixes socket paths with HOST_ROOT (/host), where the pod mounts the host's socket.
        Assert.Contains("sockets: [/run/containerd/containerd.sock]", yaml);
        Assert.DoesNotContain("/host/run/", yaml);
        var spec = SecurityAgentPreset.Build();
        Assert.Equal("/host", spec.Env.Single(e => e.Name == "HOST_ROOT").Value);
        Assert.Equal("/host/run/containerd/containerd.sock", spec.HostPaths.Single(h => h.Path == "/run/containerd/containerd.sock").MountPath);
    }

    [Fact]
    public void Options_override_the_preset_and_add_env_and_labels()
    {
        var spec = MonitoringAgentPreset.Build(new MonitoringAgentOptions
        {
            Name = "node-metrics",
            Namespace = "monitoring",
            Tolerations = Tolerations.ControlPlane(),
            UpdateStrategy = UpdateStrategies.OnDelete(),
            Env = [new V1EnvVar { Name = "EXTRA", Value = "1" }],
            Labels = new Dictionary<string, string> { ["team"] = "platform" },
        });
        var objects = NodeAgentBuilder.Build(spec);

        Assert.Equal("node-metrics", objects.DaemonSet.Metadata.Name);
        Assert.Equal("monitoring", objects.DaemonSet.Metadata.NamespaceProperty);
        Assert.Equal(["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"], objects.DaemonSet.Spec.Template.Spec.Tolerations.Select(t => t.Key));
        Assert.Equal("OnDelete", objects.DaemonSet.Spec.UpdateStrategy.Type);
        Assert.Null(objects.DaemonSet.Spec.UpdateStrategy.RollingUpdate);
        Assert.Equal("1", objects.DaemonSet.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "EXTRA").Value);
        Assert.Equal("platform", objects.DaemonSet.Metadata.Labels["team"]);
        Assert.DoesNotContain("team", objects.DaemonSet.Spec.Selector.MatchLabels.Keys);
    }

    [Fact]
    public void Built_objects_share_no_state_with_the_spec()
    {
        var spec = NetworkAgentPreset.Build();
        var objects = NodeAgentBuilder.Build(spec);
        objects.DaemonSet.Spec.Template.Spec.Tolerations[0].Key = "changed";
        objects.DaemonSet.Spec.Template.Spec.Containers[0].Ports[0].HostPort = 1;

        Assert.Null(spec.Tolerations[0].Key);
        Assert.Equal(53, spec.Ports[0].HostPort);
    }

    private static (string Path, string? Type) HostPath(V1PodSpec pod, string volume)
    {
        var hostPath = pod.Volumes.Single(v => v.Name == volume).HostPath;
        return (hostPath.Path, hostPath.Type);
    }

    [Fact]
    public void Two_installs_in_different_namespaces_get_different_cluster_scoped_RBAC_names()
    {
        var dev = NodeAgentBuilder.Build(LoggingAgentPreset.Build(new LoggingAgentOptions { Namespace = "agents-dev" }));
        var prod = NodeAgentBuilder.Build(LoggingAgentPreset.Build(new LoggingAgentOptions { Namespace = "agents-prod" }));

        Assert.Equal("agents-dev-fluent-bit", dev.ClusterRole!.Metadata.Name);
        Assert.Equal("agents-prod-fluent-bit", prod.ClusterRole!.Metadata.Name);
        Assert.Equal("agents-prod", prod.ClusterRoleBinding!.Subjects.Single().NamespaceProperty);
    }
}
