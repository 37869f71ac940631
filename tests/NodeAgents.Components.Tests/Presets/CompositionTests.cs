using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Placement;
using NodeAgents.Presets;
using NodeAgents.Presets.Catalog;
using NodeAgents.Presets.Custom;
using NodeAgents.Validation;

namespace NodeAgents.Components.Tests.Presets;

/// <summary>The catalog, guard composition and custom agents with init containers, sidecars and extra volumes.</summary>
public class CompositionTests
{
    private static V1NodeAffinity Gpu() => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
        {
            NodeSelectorTerms =
            [
                new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "nvidia.com/gpu.present", OperatorProperty = "In", Values = ["true"] }] },
                new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "pool", OperatorProperty = "In", Values = ["gpu"] }] },
            ],
        },
    };

    [Fact]
    public void The_catalog_lists_every_preset_with_its_role()
    {
        Assert.Equal(
            [("dcgm-exporter", "gpu"), ("falco", "security"), ("fluent-bit", "logging"), ("fluent-bit-windows", "logging"), ("node-exporter", "monitoring"), ("node-local-dns", "network"), ("windows-exporter", "monitoring")],
            PresetCatalog.All.Select(preset => (preset.Name, preset.Role.Name)));
        Assert.Throws<ArgumentException>(() => PresetCatalog.Register(new AgentPreset<MonitoringAgentOptions>("falco", AgentRole.Monitoring, MonitoringAgentPreset.Build)));
    }

    [Fact]
    public void A_presets_guard_is_ANDed_into_every_term_of_the_users_node_affinity()
    {
        var spec = SecurityAgentPreset.Build(new SecurityAgentOptions { NodeAffinity = Gpu() });

        var terms = spec.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms;
        Assert.Equal(2, terms.Count);
        Assert.Equal(["nvidia.com/gpu.present", "type", "eks.amazonaws.com/compute-type", "node-agents.io/opt-out"], terms[0].MatchExpressions.Select(e => e.Key));
        Assert.Equal(["pool", "type", "eks.amazonaws.com/compute-type", "node-agents.io/opt-out"], terms[1].MatchExpressions.Select(e => e.Key));

        // As the scheduler matches it: a GPU node lands, a virtual-kubelet GPU node and an opted-out one do not.
        var affinity = RequiredNodeAffinity.For(new V1PodSpec { Affinity = new V1Affinity { NodeAffinity = spec.NodeAffinity } });
        Assert.True(affinity.Matches(Node(new() { ["nvidia.com/gpu.present"] = "true" }), out _));
        Assert.False(affinity.Matches(Node(new() { ["nvidia.com/gpu.present"] = "true", ["type"] = "virtual-kubelet" }), out _));
        Assert.False(affinity.Matches(Node(new() { ["pool"] = "gpu", ["node-agents.io/opt-out"] = "" }), out _));
        Assert.False(affinity.Matches(Node(new() { ["pool"] = "general" }), out _));
    }

    [Fact]
    public void Dropping_the_guard_takes_nodeGuard_false()
    {
        var spec = SecurityAgentPreset.Build(new SecurityAgentOptions { NodeAffinity = Gpu(), NodeGuard = false });
        Assert.Equal(["nvidia.com/gpu.present"], spec.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions.Select(e => e.Key));

        Assert.Null(LoggingAgentPreset.Build(new LoggingAgentOptions { NodeGuard = false }).NodeAffinity);
    }

    private static CustomAgentOptions Exporter() => new()
    {
        Name = "dcgm-exporter",
        Role = "gpu",
        Image = new ImageReference("nvcr.io/nvidia/k8s/dcgm-exporter", "3.3.9-3.6.0-ubuntu22.04"),
        NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") } },
        SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities { Add = ["SYS_ADMIN"] } },
        StartupProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/health", Port = 9400 }, FailureThreshold = 30 },
        InitContainers = [new V1Container { Name = "wait-driver", Image = "busybox:1.36", Command = ["sh", "-c", "test -e /run/nvidia/validations/driver-ready"], VolumeMounts = [new V1VolumeMount { Name = "run-nvidia", MountPath = "/run/nvidia" }], Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("16Mi") } } }],
        Sidecars = [new V1Container { Name = "kube-rbac-proxy", Image = "quay.io/brancz/kube-rbac-proxy:v0.18.1", Args = ["--secure-listen-address=:9401", "--upstream=http://127.0.0.1:9400/"], Ports = [new V1ContainerPort { Name = "https", ContainerPort = 9401 }], Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("20Mi") } } }],
        Volumes =
        [
            new V1Volume { Name = "run-nvidia", HostPath = new V1HostPathVolumeSource { Path = "/run/nvidia", Type = "DirectoryOrCreate" } },
            new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
            new V1Volume { Name = "token", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = "metrics", ExpirationSeconds = 3600, Path = "token" } }] } },
        ],
        VolumeMounts = [new V1VolumeMount { Name = "run-nvidia", MountPath = "/run/nvidia" }, new V1VolumeMount { Name = "scratch", MountPath = "/tmp" }],
        ImagePullSecrets = [new V1LocalObjectReference { Name = "ngc" }],
        PodSecurityContext = new V1PodSecurityContext { FsGroup = 2000 },
        HostIPC = true,
        DnsConfig = new V1PodDNSConfig { Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }] },
        DaemonSetLabels = new Dictionary<string, string> { ["team"] = "ml" },
        DaemonSetAnnotations = new Dictionary<string, string> { ["owner"] = "ml-platform" },
    };

    [Fact]
    public void A_custom_agent_gets_init_containers_sidecars_volumes_and_secure_defaults_field_by_field()
    {
        var spec = CustomAgent.Build(Exporter());
        var daemonSet = NodeAgentBuilder.Build(spec).DaemonSet;
        var pod = daemonSet.Spec.Template.Spec;

        Assert.Equal(["dcgm-exporter", "kube-rbac-proxy"], pod.Containers.Select(container => container.Name));
        Assert.Equal("wait-driver", Assert.Single(pod.InitContainers).Name);
        Assert.Equal(["run-nvidia", "scratch", "token"], pod.Volumes.Select(volume => volume.Name));
        Assert.Equal("ngc", Assert.Single(pod.ImagePullSecrets).Name);
        Assert.Equal(2000, pod.SecurityContext.FsGroup);
        Assert.True(pod.HostIPC);
        Assert.Equal("2", pod.DnsConfig.Options.Single().Value);
        Assert.Equal(30, pod.Containers[0].StartupProbe.FailureThreshold);
        Assert.Equal("ml", daemonSet.Metadata.Labels["team"]);
        Assert.Equal("gpu", daemonSet.Metadata.Labels["app.kubernetes.io/component"]);
        Assert.Equal("ml-platform", daemonSet.Metadata.Annotations["owner"]);
        Assert.False(daemonSet.Spec.Template.Metadata.Labels.ContainsKey("team"));

        // Capabilities: the added one, and still drop ALL; the other defaults untouched.
        var agent = pod.Containers[0].SecurityContext;
        Assert.Equal(["SYS_ADMIN"], agent.Capabilities.Add);
        Assert.Equal(["ALL"], agent.Capabilities.Drop);
        Assert.Equal((false, true, "RuntimeDefault"), (agent.AllowPrivilegeEscalation, agent.ReadOnlyRootFilesystem, agent.SeccompProfile.Type));
        Assert.All(pod.InitContainers.Concat(pod.Containers.Skip(1)), container => Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop));
        // hostPath mounts read-only unless relaxed, in every container; emptyDir mounts as given.
        Assert.True(pod.Containers[0].VolumeMounts.Single(mount => mount.Name == "run-nvidia").ReadOnlyProperty);
        Assert.True(pod.InitContainers[0].VolumeMounts.Single().ReadOnlyProperty);
        Assert.Null(pod.Containers[0].VolumeMounts.Single(mount => mount.Name == "scratch").ReadOnlyProperty);
        Assert.False(pod.AutomountServiceAccountToken);
        // The guard applies to custom agents too.
        Assert.Contains(pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions, e => e.Key == "type");

        Assert.DoesNotContain(ManifestValidator.Validate(ManifestSet.Build([spec])), finding => finding.Severity == Severity.Error);
        // Fit counts the sidecar and the init container (k8s.io/component-helpers resource.PodRequests):
        // max(100m + 10m, 500m) cpu and max(128Mi + 20Mi, 16Mi) memory.
        var requests = PodRequests.Of(pod);
        Assert.Equal((500, 148L * 1024 * 1024), (requests.MilliCpu, requests.MemoryBytes));
    }

    [Fact]
    public void A_privileged_custom_container_keeps_privilege_escalation_unset_and_relaxing_a_mount_is_explicit()
    {
        var options = Exporter() with
        {
            SecurityContext = new V1SecurityContext { Privileged = true },
            VolumeMounts = [new V1VolumeMount { Name = "run-nvidia", MountPath = "/run/nvidia", ReadOnlyProperty = false }],
        };
        var container = NodeAgentBuilder.Build(CustomAgent.Build(options)).DaemonSet.Spec.Template.Spec.Containers[0];

        Assert.Null(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.Privileged);
        Assert.False(container.VolumeMounts.Single(mount => mount.Name == "run-nvidia").ReadOnlyProperty);
    }

    [Fact]
    public void A_custom_agent_without_role_or_image_is_refused_with_both_problems()
    {
        var problems = new CustomAgentOptions { Name = "x", Role = "GPU" }.Check();

        Assert.Equal(["role", "image"], problems.Select(problem => problem.Path));
        Assert.Throws<ArgumentException>(() => CustomAgent.Build(new CustomAgentOptions { Name = "x" }));
    }

    private static V1Node Node(Dictionary<string, string> labels) => new() { Metadata = new V1ObjectMeta { Name = "n", Labels = labels } };

    [Fact]
    public void The_DCGM_exporter_preset_has_the_upstream_facts_and_lands_only_on_the_GPU_node()
    {
        var spec = PresetCatalog.Find("dcgm-exporter")!.Build(new DcgmExporterOptions());
        var daemonSet = NodeAgentBuilder.Build(spec).DaemonSet;
        var container = daemonSet.Spec.Template.Spec.Containers.Single();

        // NVIDIA/dcgm-exporter dcgm-exporter.yaml.
        Assert.Equal("nvcr.io/nvidia/k8s/dcgm-exporter:4.2.3-4.1.3-ubuntu22.04", container.Image);
        Assert.Equal([("DCGM_EXPORTER_LISTEN", ":9400"), ("DCGM_EXPORTER_KUBERNETES", "true")], container.Env.Select(env => (env.Name, env.Value)));
        Assert.Equal(("metrics", 9400), (container.Ports.Single().Name, container.Ports.Single().ContainerPort));
        Assert.Equal((0L, false), (container.SecurityContext.RunAsUser, container.SecurityContext.RunAsNonRoot));
        Assert.Equal(["SYS_ADMIN"], container.SecurityContext.Capabilities.Add);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        var podResources = daemonSet.Spec.Template.Spec.Volumes.Single();
        Assert.Equal("/var/lib/kubelet/pod-resources", podResources.HostPath.Path);
        Assert.True(container.VolumeMounts.Single().ReadOnlyProperty);
        Assert.Equal("gpu", daemonSet.Metadata.Labels["app.kubernetes.io/component"]);
        // deployment/examples/dcgm-exporter.yaml (4.6.1-4.8.4): requests 100m/128Mi, limits 200m/256Mi.
        Assert.Equal(("100m", "128Mi", "200m", "256Mi"), (container.Resources.Requests["cpu"].ToString(), container.Resources.Requests["memory"].ToString(), container.Resources.Limits["cpu"].ToString(), container.Resources.Limits["memory"].ToString()));
        Assert.Empty(ManifestValidator.Validate(ManifestSet.Build([spec])));

        // On the real inventories: the AKS GPU node (accelerator=nvidia, tainted sku=gpu:NoSchedule) and no other.
        var manifests = ManifestSet.Build([spec]);
        var nodes = NodeInventory.Read(Path.Combine(RepoPaths.SharedData, "nodes"));
        var plan = PlacementPlanner.Plan(manifests, nodes, CoveragePolicy.Default);
        var landed = nodes.Select(node => node.Metadata.Name).Where(node => plan.DecisionFor("dcgm-exporter", node).Outcome == PlacementOutcome.Lands).ToList();
        Assert.Equal(nodes.Where(node => node.Metadata.Labels.TryGetValue("accelerator", out var value) && value == "nvidia").Select(node => node.Metadata.Name), landed);
        Assert.Single(landed);
    }

    [Fact]
    public void The_windows_exporter_preset_is_a_HostProcess_pod_with_the_upstream_facts()
    {
        var daemonSet = NodeAgentBuilder.Build(PresetCatalog.Find("windows-exporter")!.Build(new WindowsExporterOptions())).DaemonSet;
        var pod = daemonSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        // prometheus-community/windows_exporter kubernetes/windows-exporter-daemonset.yaml.
        Assert.Equal((true, "NT AUTHORITY\\system"), (pod.SecurityContext.WindowsOptions.HostProcess, pod.SecurityContext.WindowsOptions.RunAsUserName));
        Assert.True(pod.HostNetwork);
        Assert.Equal("windows", pod.NodeSelector["kubernetes.io/os"]);
        Assert.Equal("ghcr.io/prometheus-community/windows-exporter:0.31.2", container.Image);
        Assert.Equal(["--config.file=%CONTAINER_SANDBOX_MOUNT_POINT%/config.yml"], container.Args);
        Assert.Equal((9182, 9182), (container.Ports.Single().ContainerPort, container.Ports.Single().HostPort));
        Assert.Equal(("/config.yml", "config.yml"), (container.VolumeMounts.Single().MountPath, container.VolumeMounts.Single().SubPath));
        Assert.Equal(["New-NetFirewallRule", "-DisplayName", "'windows-exporter'", "-Direction", "inbound", "-Profile", "Any", "-Action", "Allow", "-LocalPort", "9182", "-Protocol", "TCP"], pod.InitContainers.Single().Args);
        // No Linux-only securityContext fields on a HostProcess pod.
        Assert.Null(container.SecurityContext.Capabilities);
        Assert.Null(container.SecurityContext.SeccompProfile);
        Assert.Null(container.SecurityContext.ReadOnlyRootFilesystem);
        // Valid as a HostProcess pod (validateWindowsHostProcessPod): host network, every container inherits hostProcess.
        var findings = ManifestValidator.Validate(ManifestSet.Build([PresetCatalog.Find("windows-exporter")!.Build(new WindowsExporterOptions())]));
        Assert.Empty(findings);
        // Upstream sets no resources; the preset's defaults (prod's values) keep it visible to plan and off container-requests-unset.
        Assert.Equal(("50m", "64Mi", "200m", "256Mi"), (container.Resources.Requests["cpu"].ToString(), container.Resources.Requests["memory"].ToString(), container.Resources.Limits["cpu"].ToString(), container.Resources.Limits["memory"].ToString()));
    }
}
