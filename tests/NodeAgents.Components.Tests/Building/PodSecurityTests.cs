using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;

namespace NodeAgents.Components.Tests.Building;

public class PodSecurityTests
{
    private static V1PodSpec RestrictedPod() => new()
    {
        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true },
        Containers = [new V1Container { Name = "app", SecurityContext = SecureDefaults.ContainerSecurityContext() }],
        Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "c" } }],
    };

    [Fact]
    public void A_hardened_pod_is_restricted()
    {
        Assert.Equal(PodSecurityLevel.Restricted, PodSecurityStandards.Evaluate(RestrictedPod()).Level);
    }

    [Fact]
    public void A_pod_that_may_run_as_root_is_baseline()
    {
        var pod = RestrictedPod();
        pod.SecurityContext = null;
        var (level, reasons) = PodSecurityStandards.Evaluate(pod);
        Assert.Equal(PodSecurityLevel.Baseline, level);
        Assert.Contains("container 'app' does not set runAsNonRoot: true", reasons);
    }

    [Theory]
    [InlineData("hostNetwork")]
    [InlineData("hostPath")]
    [InlineData("capability")]
    [InlineData("hostPort")]
    public void Host_access_makes_a_pod_privileged(string access)
    {
        var pod = RestrictedPod();
        switch (access)
        {
            case "hostNetwork": pod.HostNetwork = true; break;
            case "hostPath": pod.Volumes.Add(new V1Volume { Name = "h", HostPath = new V1HostPathVolumeSource { Path = "/var/log" } }); break;
            case "capability": pod.Containers[0].SecurityContext.Capabilities.Add = ["NET_ADMIN"]; break;
            default: pod.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 80 }]; break;
        }

        Assert.Equal(PodSecurityLevel.Privileged, PodSecurityStandards.Evaluate(pod).Level);
    }

    [Fact]
    public void Baseline_capabilities_keep_a_pod_at_baseline()
    {
        var pod = RestrictedPod();
        pod.Containers[0].SecurityContext.Capabilities.Add = ["CHOWN"];
        Assert.Equal(PodSecurityLevel.Baseline, PodSecurityStandards.Evaluate(pod).Level);
    }

    [Fact]
    public void Namespace_gets_the_lowest_level_that_admits_every_agent()
    {
        var manifests = ManifestSet.Build([LoggingAgentPreset.Build(), MonitoringAgentPreset.Build() with { Namespace = "metrics" }]);
        var ns = manifests.Namespaces.Single(n => n.Metadata.Name == "node-agents");

        Assert.Equal(["metrics", "node-agents"], manifests.Namespaces.Select(n => n.Metadata.Name));
        foreach (var mode in new[] { "enforce", "warn", "audit" })
        {
            Assert.Equal("privileged", ns.Metadata.Labels["pod-security.kubernetes.io/" + mode]);
        }

        var restrictedOnly = NamespaceBuilder.Build("apps", [RestrictedPod()], "node-agents");
        Assert.Equal("restricted", restrictedOnly.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }
}
