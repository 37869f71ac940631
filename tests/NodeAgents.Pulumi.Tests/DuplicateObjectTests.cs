using global::Pulumi;
using NodeAgents.Presets;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Tests.Support;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// Two components that would create the same Kubernetes object fail at construction: in the cluster the second create
/// fails with "already exists" (pulumi-kubernetes v4.32.0 provider/pkg/await/await.go), or with upsertExistingObjects
/// silently takes over the first component's object.
/// </summary>
[Collection(PulumiCollection.Name)]
public class DuplicateObjectTests
{
    [Fact]
    public async Task Two_logging_agents_with_the_default_name_fail_naming_both_components_and_every_clashing_object()
    {
        var engine = new MockEngine();
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs-a", new LoggingAgentArgs());
            _ = new LoggingAgent("logs-b", new LoggingAgentArgs());
            return new Dictionary<string, object?>();
        }));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal("nodeagents:index:LoggingAgent 'logs-b': 5 Kubernetes objects already created by another component with the same provider; nothing was registered:", lines[0]);
        Assert.Equal(
            [
                "  ServiceAccount node-agents/fluent-bit is already created by nodeagents:index:LoggingAgent 'logs-a'",
                "  ClusterRole node-agents-fluent-bit is already created by nodeagents:index:LoggingAgent 'logs-a'",
                "  ClusterRoleBinding node-agents-fluent-bit is already created by nodeagents:index:LoggingAgent 'logs-a'",
                "  ConfigMap node-agents/fluent-bit-config is already created by nodeagents:index:LoggingAgent 'logs-a'",
                "  DaemonSet node-agents/fluent-bit is already created by nodeagents:index:LoggingAgent 'logs-a'",
            ],
            lines[1..^1]);
        Assert.DoesNotContain(engine.Registered, args => args.Name!.StartsWith("logs-b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Distinct_names_or_distinct_providers_do_not_clash()
    {
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs-a", new LoggingAgentArgs());
            _ = new LoggingAgent("logs-b", new LoggingAgentArgs { Options = new LoggingAgentOptions { Name = "fluent-bit-b" } });
            var other = new global::Pulumi.Kubernetes.Provider("other-cluster", new global::Pulumi.Kubernetes.ProviderArgs { Context = "other" });
            _ = new LoggingAgent("logs-c", new LoggingAgentArgs(), new ComponentResourceOptions { Provider = other });
            return new Dictionary<string, object?>();
        });

        Assert.Equal(3, engine.KubernetesObjects().Count(obj => obj.Kind == "DaemonSet"));
    }

    [Fact]
    public async Task Two_components_owning_one_namespace_clash_on_the_Namespace()
    {
        var engine = new MockEngine();
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs", new LoggingAgentArgs { OwnsNamespace = true });
            _ = new MonitoringAgent("metrics", new MonitoringAgentArgs { OwnsNamespace = true });
            return new Dictionary<string, object?>();
        }));

        Assert.Contains("  Namespace node-agents is already created by nodeagents:index:LoggingAgent 'logs'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("nodeagents:index:MonitoringAgent 'metrics': 1 Kubernetes object ", error.Message, StringComparison.Ordinal);
    }
}
