using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Rendering;

namespace NodeAgents.Components.Tests.Building;

public class ServiceBuildingTests
{
    private static V1Service Given() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "agent-api",
            NamespaceProperty = "elsewhere",
            Labels = new Dictionary<string, string> { ["team"] = "dns", ["app.kubernetes.io/name"] = "not-the-agent" },
            Annotations = new Dictionary<string, string> { ["note"] = "kept" },
        },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "backend" },
            Ports = [new V1ServicePort { Name = "api", Port = 8443, TargetPort = "https", Protocol = "TCP" }],
        },
    };

    private static NodeAgentSpec Spec() => MonitoringAgentPreset.Build() with { Namespace = "observability", Services = [Given()] };

    [Fact]
    public void A_Service_is_emitted_in_the_agents_namespace_with_the_agents_labels_merged_over_its_own()
    {
        var spec = Spec();
        var service = Assert.Single(NodeAgentBuilder.Build(spec).Services);

        Assert.Equal(("v1", "Service"), (service.ApiVersion, service.Kind));
        Assert.Equal("observability", service.Metadata.NamespaceProperty);
        Assert.Equal("dns", service.Metadata.Labels["team"]);
        Assert.Equal("node-exporter", service.Metadata.Labels["app.kubernetes.io/name"]);
        foreach (var (key, value) in AgentLabels.All(spec))
        {
            Assert.Equal(value, service.Metadata.Labels[key]);
        }

        Assert.Equal("kept", service.Metadata.Annotations["note"]);
        Assert.Equal("backend", service.Spec.Selector["app"]);
        Assert.Equal("https", service.Spec.Ports[0].TargetPort.Value);
    }

    [Fact]
    public void Building_never_changes_the_given_Service_and_shares_no_state_with_it()
    {
        var spec = Spec();
        var built = Assert.Single(NodeAgentBuilder.Build(spec).Services);
        built.Spec.Ports[0].Port = 1;

        var given = spec.Services[0];
        Assert.Equal("elsewhere", given.Metadata.NamespaceProperty);
        Assert.Equal(2, given.Metadata.Labels.Count);
        Assert.Null(given.Kind);
        Assert.Equal(8443, given.Spec.Ports[0].Port);
        Assert.Equal(8443, Assert.Single(NodeAgentBuilder.Build(spec).Services).Spec.Ports[0].Port);
    }

    [Fact]
    public void Services_come_after_the_Secret_and_before_the_DaemonSet_in_apply_order_and_in_file_names()
    {
        var network = NetworkAgentPreset.Build();
        var kinds = NodeAgentBuilder.Build(network).All.Select(obj => obj.Kind);
        Assert.Equal(["ServiceAccount", "ConfigMap", "Service", "DaemonSet"], kinds);

        var logging = LoggingAgentPreset.Build(new LoggingAgentOptions { Output = new LogOutput { Type = "forward", SharedKey = "generate" } }) with { Services = [Given()] };
        Assert.Equal(["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Secret", "Service", "DaemonSet"], NodeAgentBuilder.Build(logging).All.Select(obj => obj.Kind));

        var files = NodeAgentBuilder.Build(logging).All.Select(ManifestRenderer.FileName).ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal), files);
        Assert.Contains("55-service-node-agents-agent-api.yaml", files);
        Assert.Contains("60-daemonset-node-agents-fluent-bit.yaml", files);
    }

    [Fact]
    public void System_namespaces_get_no_Namespace_object_but_their_agents_keep_all_their_objects()
    {
        var manifests = ManifestSet.Build(
        [
            LoggingAgentPreset.Build(),
            NetworkAgentPreset.Build(),
            MonitoringAgentPreset.Build() with { Namespace = "default" },
            SecurityAgentPreset.Build() with { Namespace = "kube-node-lease" },
        ]);

        Assert.Equal(["node-agents"], manifests.Namespaces.Select(ns => ns.Metadata.Name));
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], ManifestSet.SystemNamespaces.Order(StringComparer.Ordinal));
        Assert.Contains(manifests.Objects, obj => obj is V1Service { Metadata.NamespaceProperty: "kube-system", Metadata.Name: "kube-dns-upstream" });
        Assert.Contains(manifests.Objects, obj => obj is V1DaemonSet { Metadata.NamespaceProperty: "kube-system", Metadata.Name: "node-local-dns" });
        Assert.Equal(4, manifests.Objects.OfType<V1DaemonSet>().Count());
    }
}
