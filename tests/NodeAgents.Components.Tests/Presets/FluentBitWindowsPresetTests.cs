using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Placement;
using NodeAgents.Presets;
using NodeAgents.Presets.Catalog;
using NodeAgents.Validation;

namespace NodeAgents.Components.Tests.Presets;

/// <summary><c>preset: fluent-bit-windows</c>: its objects, each upstream fact, the options it shares with the Linux preset.</summary>
public class FluentBitWindowsPresetTests
{
    private static NodeAgentObjects Objects(LoggingAgentOptions? options = null) =>
        NodeAgentBuilder.Build(PresetCatalog.Find("fluent-bit-windows")!.Build(options ?? new LoggingAgentOptions()));

    [Fact]
    public void The_catalog_entry_is_a_logging_agent_taking_the_Linux_presets_options()
    {
        var preset = PresetCatalog.Find("fluent-bit-windows")!;

        Assert.Equal("logging", preset.Role.Name);
        Assert.Equal(typeof(LoggingAgentOptions), preset.OptionsType);
        Assert.Equal(PresetCatalog.Find("fluent-bit")!.OptionsType, preset.OptionsType);
    }

    [Fact]
    public void The_pod_is_a_Windows_Server_2022_pod_reading_the_container_logs_from_the_node()
    {
        var daemonSet = Objects().DaemonSet;
        var pod = daemonSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        // fluent/fluent-bit call-build-images.yaml + staging-release.yaml: windows-2022-<version> on ghcr.io/fluent/fluent-bit.
        Assert.Equal("ghcr.io/fluent/fluent-bit:windows-2022-3.2.10", container.Image);
        Assert.Equal(LoggingAgentPreset.DefaultImage.Tag, container.Image.Split('-')[^1]);
        // Dockerfile.windows: C:\fluent-bit\bin\fluent-bit.exe; the ConfigMap beside the image's C:\fluent-bit\etc.
        Assert.Equal([@"C:\fluent-bit\bin\fluent-bit.exe"], container.Command);
        Assert.Equal([@"--config=C:\fluent-bit\etc\conf\fluent-bit.conf"], container.Args);
        // kubernetes.io/docs/concepts/windows/user-guide: spec.os.name, the OS label and the Windows Server 2022 build label.
        Assert.Equal("windows", pod.Os.Name);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = "10.0.20348" }, pod.NodeSelector);
        Assert.Equal("arch=amd64", daemonSet.Metadata.Annotations["nodeagents.io/requires"]);
        // Not HostProcess: an ordinary Windows container without host networking and without Linux securityContext fields.
        Assert.Null(pod.SecurityContext);
        Assert.Null(pod.HostNetwork);
        Assert.Null(container.SecurityContext.Capabilities);
        Assert.Null(container.SecurityContext.SeccompProfile);
        Assert.Null(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Null(container.SecurityContext.AllowPrivilegeEscalation);
        // Fluent Bit docs "Windows deployment": the hostPath C:\var\log, read-only here; the offset database on a writable node path.
        Assert.Equal(
            [("varlog", @"C:\var\log", (string?)null), ("state", @"C:\var\lib\fluent-bit", "DirectoryOrCreate"), ("config", null, null)],
            pod.Volumes.Select(volume => (volume.Name, volume.HostPath?.Path, volume.HostPath?.Type)));
        Assert.Equal(
            [(@"C:\var\log", (bool?)true), (@"C:\var\lib\fluent-bit", null), (@"C:\fluent-bit\etc\conf", true)],
            container.VolumeMounts.Select(mount => (mount.MountPath, mount.ReadOnlyProperty)));
        // Least privilege: neither C:\k (the kubelet's kubeconfig and certificates) nor C:\ProgramData.
        Assert.DoesNotContain(pod.Volumes, volume => volume.HostPath?.Path is @"C:\k" or @"C:\ProgramData");
        // The spot taint of the real Windows node is tolerated like every other taint.
        Assert.Contains(pod.Tolerations, toleration => toleration is { OperatorProperty: "Exists", Key: null, Effect: "NoSchedule" });
    }

    [Fact]
    public void What_it_shares_with_the_Linux_preset_is_the_same()
    {
        var windows = Objects().DaemonSet.Spec.Template.Spec;
        var linux = NodeAgentBuilder.Build(LoggingAgentPreset.Build()).DaemonSet.Spec.Template.Spec;
        var (w, l) = (windows.Containers.Single(), linux.Containers.Single());

        Assert.Equal(("http", 2020), (w.Ports.Single().Name, w.Ports.Single().ContainerPort));
        Assert.Equal((l.LivenessProbe.HttpGet.Path, l.ReadinessProbe.HttpGet.Path), (w.LivenessProbe.HttpGet.Path, w.ReadinessProbe.HttpGet.Path));
        Assert.Equal(l.Resources.Requests["cpu"], w.Resources.Requests["cpu"]);
        Assert.Equal(l.Resources.Limits["memory"], w.Resources.Limits["memory"]);
        Assert.Equal(l.Env.Single().ValueFrom.FieldRef.FieldPath, w.Env.Single().ValueFrom.FieldRef.FieldPath);
        Assert.Equal(linux.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Single().MatchExpressions.Select(e => e.Key),
            windows.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Single().MatchExpressions.Select(e => e.Key));
        Assert.Equal(
            NodeAgentBuilder.Build(LoggingAgentPreset.Build()).ClusterRole!.Rules.Single().Resources,
            Objects().ClusterRole!.Rules.Single().Resources);
        Assert.True(windows.AutomountServiceAccountToken);
    }

    [Fact]
    public void The_config_tails_the_Windows_paths_and_keeps_the_Linux_filter_and_output()
    {
        var options = new LoggingAgentOptions { LogLevel = "debug", Output = new LogOutput { Type = "loki", Host = "loki.example.svc", Tls = true } };
        var config = Objects(options).ConfigMap!.Data["fluent-bit.conf"];

        // The docs' tail input, with doubled backslashes as the docs write them, and Mem_Buf_Limit 7MB, Refresh_Interval 10.
        Assert.Contains(@"Path              C:\\var\\log\\containers\\*.log", config, StringComparison.Ordinal);
        Assert.Contains(@"DB                C:\\var\\lib\\fluent-bit\\flb_kube.db", config, StringComparison.Ordinal);
        Assert.Contains("Mem_Buf_Limit     7MB", config, StringComparison.Ordinal);
        Assert.Contains("Refresh_Interval  10", config, StringComparison.Ordinal);
        Assert.DoesNotContain("/var/log", config, StringComparison.Ordinal);
        // Everything after the input is the Linux preset's for the same options (the Windows build's default Kube_Tag_Prefix
        // is kube.c.var.log.containers., fluent/fluent-bit plugins/filter_kubernetes/kube_conf.h, so the filter needs no change).
        var linux = LoggingAgentPreset.Config(options);
        Assert.Equal(linux[linux.IndexOf("[FILTER]", StringComparison.Ordinal)..], config[config.IndexOf("[FILTER]", StringComparison.Ordinal)..]);
        Assert.Contains("Log_Level     debug", config, StringComparison.Ordinal);
        Assert.Contains("Host        loki.example.svc", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forward_shared_key_is_read_from_the_agents_Secret_as_on_Linux()
    {
        var options = new LoggingAgentOptions { Output = new LogOutput { SharedKey = "generate" } };
        var objects = Objects(options);

        Assert.Equal("FORWARD_SHARED_KEY", objects.DaemonSet.Spec.Template.Spec.Containers.Single().Env.Last().Name);
        Assert.Equal("fluent-bit-windows-secrets", objects.DaemonSet.Spec.Template.Spec.Containers.Single().Env.Last().ValueFrom.SecretKeyRef.Name);
        Assert.Contains("Shared_Key  ${FORWARD_SHARED_KEY}", objects.ConfigMap!.Data["fluent-bit.conf"], StringComparison.Ordinal);
        Assert.Equal(["output.sharedKey"], new LoggingAgentOptions { Output = new LogOutput { Type = "es", SharedKey = "generate" } }.Check().Select(problem => problem.Path));
    }

    [Fact]
    public void Overrides_apply_as_to_every_preset()
    {
        var spec = PresetCatalog.Find("fluent-bit-windows")!.Build(new LoggingAgentOptions
        {
            Name = "fluent-bit-win2019",
            Image = new("ghcr.io/fluent/fluent-bit", "windows-2019-3.2.10"),
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = "10.0.17763" },
        });

        Assert.Equal("fluent-bit-win2019", spec.Name);
        Assert.Equal("windows-2019-3.2.10", spec.Image.Tag);
        Assert.Equal("10.0.17763", spec.NodeSelector["node.kubernetes.io/windows-build"]);
        Assert.Equal("windows", spec.Os);
    }

    [Fact]
    public void It_validates_without_findings_and_lands_only_on_the_real_Windows_node()
    {
        var manifests = ManifestSet.Build([PresetCatalog.Find("fluent-bit-windows")!.Build(new LoggingAgentOptions())]);

        Assert.Empty(ManifestValidator.Validate(manifests));
        var nodes = NodeInventory.Read(Path.Combine(RepoPaths.SharedData, "nodes"));
        var plan = PlacementPlanner.Plan(manifests, nodes, CoveragePolicy.Default);
        var landed = nodes.Select(node => node.Metadata.Name).Where(node => plan.DecisionFor("fluent-bit-windows", node).Outcome == PlacementOutcome.Lands);
        Assert.Equal(["aksnpwin000000"], landed);
    }
}
