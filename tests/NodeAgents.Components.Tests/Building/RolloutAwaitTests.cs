using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Rendering;

namespace NodeAgents.Components.Tests.Building;

/// <summary>
/// pulumi.com/skipAwait on OnDelete DaemonSets: the provider reads it from the DaemonSet's own metadata only
/// (pulumi-kubernetes v4.32.0 provider/pkg/metadata/overrides.go SkipAwaitLogic; provider/pkg/await/daemonset.go waits
/// for an OnDelete rollout until pods are deleted by hand otherwise).
/// </summary>
public class RolloutAwaitTests
{
    [Fact]
    public void An_OnDelete_DaemonSet_carries_skipAwait_on_its_own_metadata_and_not_on_the_pod_template()
    {
        var spec = MonitoringAgentPreset.Build(new MonitoringAgentOptions { UpdateStrategy = UpdateStrategies.OnDelete() });
        var daemonSet = NodeAgentBuilder.Build(spec).DaemonSet;

        Assert.Equal("true", daemonSet.Metadata.Annotations[RolloutAwait.SkipAwaitAnnotation]);
        Assert.False(daemonSet.Spec.Template.Metadata.Annotations?.ContainsKey(RolloutAwait.SkipAwaitAnnotation) ?? false);
        Assert.Contains("pulumi.com/skipAwait: \"true\"", ManifestRenderer.ToYaml(daemonSet), StringComparison.Ordinal);
    }

    [Fact]
    public void A_RollingUpdate_DaemonSet_is_awaited()
    {
        var daemonSet = NodeAgentBuilder.Build(MonitoringAgentPreset.Build()).DaemonSet;

        Assert.Equal("RollingUpdate", daemonSet.Spec.UpdateStrategy.Type);
        Assert.False(daemonSet.Metadata.Annotations?.ContainsKey(RolloutAwait.SkipAwaitAnnotation) ?? false);
    }
}
