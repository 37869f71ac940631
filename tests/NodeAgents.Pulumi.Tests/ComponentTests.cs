using System.Collections.Immutable;
using global::Pulumi;
using NodeAgents.Building;
using NodeAgents.Presets;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Tests.Support;

namespace NodeAgents.Pulumi.Tests;

[Collection(PulumiCollection.Name)]
public class ComponentTests
{
    public static TheoryData<string, string[]> Agents => new()
    {
        { "LoggingAgent", ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "DaemonSet"] },
        { "MonitoringAgent", ["ServiceAccount", "DaemonSet"] },
        { "NetworkAgent", ["ServiceAccount", "ConfigMap", "Service", "DaemonSet"] },
        { "SecurityAgent", ["ServiceAccount", "ConfigMap", "DaemonSet"] },
    };

    private static (NodeAgent Agent, Model.NodeAgentSpec Spec) Create(string type) => type switch
    {
        "LoggingAgent" => (new LoggingAgent("logs", new LoggingAgentArgs()), LoggingAgentPreset.Build()),
        "MonitoringAgent" => (new MonitoringAgent("metrics", new MonitoringAgentArgs()), MonitoringAgentPreset.Build()),
        "NetworkAgent" => (new NetworkAgent("dns", new NetworkAgentArgs()), NetworkAgentPreset.Build()),
        _ => (new SecurityAgent("runtime", new SecurityAgentArgs()), SecurityAgentPreset.Build()),
    };

    [Theory]
    [MemberData(nameof(Agents))]
    public async Task Each_agent_registers_its_typed_children_parented_to_it_with_the_core_objects_as_inputs(string type, string[] kinds)
    {
        var engine = new MockEngine();
        Model.NodeAgentSpec? spec = null;
        var (resources, _) = await engine.RunAsync(() =>
        {
            (_, spec) = Create(type);
            return new Dictionary<string, object?>();
        });

        var component = Assert.Single(resources, resource => resource.GetResourceType() == "nodeagents:index:" + type);
        var children = resources.Where(resource => resource.GetResourceType().StartsWith("kubernetes:", StringComparison.Ordinal)).ToList();
        Assert.Equal(kinds.Length, children.Count);
        Assert.Equal(children.ToHashSet(), MockEngine.ChildrenOf(component).ToHashSet());

        var registered = engine.KubernetesObjects();
        Assert.Equal(kinds, registered.Select(obj => obj.Kind));
        var core = NodeAgentBuilder.Build(spec!).All;
        foreach (var (obj, (kind, name, inputs)) in core.Zip(registered))
        {
            Assert.Equal((obj.Kind, obj.Metadata.Name), (kind, name));
            ObjectJson.AssertSame($"{kind}/{name}", ObjectJson.FromModel(obj), ObjectJson.FromInputs(inputs));
        }

        Assert.Equal("nodeagents:index:" + type, component.GetResourceType());
    }

    [Fact]
    public async Task Outputs_resolve_to_the_daemonset_name_namespace_configmap_and_selector()
    {
        var engine = new MockEngine();
        LoggingAgent? logging = null;
        MonitoringAgent? monitoring = null;
        await engine.RunAsync(() =>
        {
            logging = new LoggingAgent("logs", new LoggingAgentArgs { Options = new LoggingAgentOptions { Name = "fb", Namespace = "logging" } });
            monitoring = new MonitoringAgent("metrics", new MonitoringAgentArgs());
            return new Dictionary<string, object?>();
        });

        Assert.Equal("fb", await MockEngine.ValueOf(logging!.DaemonSetName));
        Assert.Equal("logging", await MockEngine.ValueOf(logging.Namespace));
        Assert.Equal("fb-config", await MockEngine.ValueOf(logging.ConfigMapName));
        Assert.Equal(
            new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "fb", ["app.kubernetes.io/name"] = "fb" },
            (await MockEngine.ValueOf(logging.SelectorLabels)).ToDictionary());
        Assert.Equal("node-exporter", await MockEngine.ValueOf(monitoring!.DaemonSetName));
        Assert.Null(await MockEngine.ValueOf(monitoring.ConfigMapName));

        var registeredOutputs = Assert.Single(engine.ComponentOutputs, request => request.Urn.EndsWith("::logs", StringComparison.Ordinal));
        Assert.Equal(["configMapName", "daemonSetName", "namespace", "selectorLabels"], registeredOutputs.Outputs.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_owned_namespace_is_a_child_with_the_pod_security_level_of_the_agent()
    {
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            _ = new MonitoringAgent("metrics", new MonitoringAgentArgs { OwnsNamespace = true, PartOf = "team-a", Options = new MonitoringAgentOptions { Namespace = "team-a-agents" } });
            return new Dictionary<string, object?>();
        });

        var ns = Assert.Single(engine.KubernetesObjects(), obj => obj.Kind == "Namespace");
        Assert.Equal("team-a-agents", ns.Name);
        var labels = (ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)ns.Inputs["metadata"])["labels"];
        Assert.Equal("privileged", labels["pod-security.kubernetes.io/enforce"]); // hostNetwork, hostPID and hostPath
        Assert.Equal("team-a", labels["app.kubernetes.io/part-of"]);
        var namespaceResource = Assert.Single(engine.Registered, args => args.Type == "kubernetes:core/v1:Namespace");
        Assert.Equal("metrics-namespace", namespaceResource.Name);
    }

    [Fact]
    public async Task Without_ownership_no_namespace_is_registered()
    {
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            _ = new NetworkAgent("dns", new NetworkAgentArgs());
            return new Dictionary<string, object?>();
        });

        Assert.DoesNotContain(engine.KubernetesObjects(), obj => obj.Kind == "Namespace");
    }

    [Fact]
    public async Task Children_are_replaced_delete_before_replace_and_none_needs_replaceOnChanges()
    {
        var engine = new MockEngine();
        var seen = new List<(string Type, string Name, CustomResourceOptions Options)>();
        await engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs", new LoggingAgentArgs { OwnsNamespace = true }, ChildOptions.Recording(seen));
            return new Dictionary<string, object?>();
        });

        Assert.Equal(
            ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:ServiceAccount", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "kubernetes:core/v1:ConfigMap", "kubernetes:apps/v1:DaemonSet"],
            seen.Select(child => child.Type));
        Assert.NotEqual(true, seen[0].Options.DeleteBeforeReplace); // deleting a Namespace first would delete everything in it
        Assert.All(seen.Skip(1), child => Assert.True(child.Options.DeleteBeforeReplace));

        // The provider replaces a DaemonSet on a new spec.selector by itself (pulumi-kubernetes v4.32.0
        // provider/pkg/provider/diff.go, forceNew apps/v1 DaemonSet: .spec.selector), so no child asks for it.
        Assert.All(seen, child => Assert.Empty(child.Options.ReplaceOnChanges));
        Assert.Null(seen[^1].Options.CustomTimeouts); // no rolloutTimeout: the provider's 10 minutes
    }

    [Fact]
    public async Task The_network_agent_registers_its_upstream_Service_delete_before_replace_and_never_a_kube_system_Namespace()
    {
        var engine = new MockEngine();
        var seen = new List<(string Type, string Name, CustomResourceOptions Options)>();
        await engine.RunAsync(() =>
        {
            _ = new NetworkAgent("dns", new NetworkAgentArgs { OwnsNamespace = true }, new ComponentResourceOptions
            {
                ResourceTransformations =
                {
                    args =>
                    {
                        if (args.Options is CustomResourceOptions custom)
                        {
                            seen.Add((args.Resource.GetResourceType(), args.Resource.GetResourceName(), custom));
                        }

                        return null;
                    },
                },
            });
            return new Dictionary<string, object?>();
        });

        Assert.DoesNotContain(engine.KubernetesObjects(), obj => obj.Kind == "Namespace");
        var service = Assert.Single(seen, child => child.Type == "kubernetes:core/v1:Service");
        Assert.Equal("dns-service-kube-dns-upstream", service.Name);
        Assert.True(service.Options.DeleteBeforeReplace);
        var daemonSet = Assert.Single(seen, child => child.Type == "kubernetes:apps/v1:DaemonSet");
        var dependsOn = await MockEngine.ValueOf(daemonSet.Options.DependsOn.ToOutput());
        Assert.Contains(dependsOn, resource => resource.GetResourceType() == "kubernetes:core/v1:Service");

        var leaves = ObjectJson.Leaves(ObjectJson.FromInputs(Assert.Single(engine.KubernetesObjects(), obj => obj.Kind == "Service").Inputs));
        foreach (var leaf in new[]
        {
            "metadata.namespace=\"kube-system\"",
            "spec.selector.k8s-app=\"kube-dns\"",
            "spec.ports[0].name=\"dns\"", "spec.ports[0].port=53", "spec.ports[0].protocol=\"UDP\"", "spec.ports[0].targetPort=53",
            "spec.ports[1].name=\"dns-tcp\"", "spec.ports[1].port=53", "spec.ports[1].protocol=\"TCP\"", "spec.ports[1].targetPort=53",
        })
        {
            Assert.Contains(leaf, leaves);
        }
    }
}
