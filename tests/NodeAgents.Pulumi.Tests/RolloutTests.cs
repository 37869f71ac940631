using global::Pulumi;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Tests.Support;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// How <c>pulumi up</c> waits for rollouts: the provider waits for a DaemonSet up to the resource's timeout
/// (pulumi-kubernetes v4.32.0 provider/pkg/await/daemonset.go, default 10 minutes) unless the DaemonSet's own metadata
/// has pulumi.com/skipAwait "true" (provider/pkg/metadata/overrides.go SkipAwaitLogic).
/// </summary>
[Collection(PulumiCollection.Name)]
public class RolloutTests
{
    [Fact]
    public async Task A_rolloutTimeout_becomes_the_DaemonSet_resource_custom_create_and_update_timeouts()
    {
        var engine = new MockEngine();
        var seen = new List<(string Type, string Name, CustomResourceOptions Options)>();
        await engine.RunAsync(() =>
        {
            _ = new MonitoringAgent("metrics", new MonitoringAgentArgs { Options = new MonitoringAgentOptions { RolloutTimeout = "1h30m" } }, ChildOptions.Recording(seen));
            return new Dictionary<string, object?>();
        });

        var daemonSet = Assert.Single(seen, child => child.Type == "kubernetes:apps/v1:DaemonSet");
        Assert.Equal(TimeSpan.FromMinutes(90), daemonSet.Options.CustomTimeouts?.Create);
        Assert.Equal(TimeSpan.FromMinutes(90), daemonSet.Options.CustomTimeouts?.Update);
        Assert.Null(daemonSet.Options.CustomTimeouts?.Delete);
        Assert.All(seen.Where(child => child.Type != "kubernetes:apps/v1:DaemonSet"), child => Assert.Null(child.Options.CustomTimeouts));
    }

    [Fact]
    public async Task An_OnDelete_DaemonSet_is_registered_with_skipAwait_on_its_metadata_as_render_writes_it()
    {
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            _ = new MonitoringAgent("metrics", new MonitoringAgentArgs { Options = new MonitoringAgentOptions { UpdateStrategy = UpdateStrategies.OnDelete() } });
            return new Dictionary<string, object?>();
        });

        var daemonSet = Assert.Single(engine.KubernetesObjects(), obj => obj.Kind == "DaemonSet");
        var metadata = (System.Collections.Immutable.ImmutableDictionary<string, object>)daemonSet.Inputs["metadata"];
        var annotations = (System.Collections.Immutable.ImmutableDictionary<string, object>)metadata["annotations"];
        Assert.Equal("true", annotations["pulumi.com/skipAwait"]);
    }
}
