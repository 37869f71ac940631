using k8s.Models;
using static NodeAgents.Pulumi.Mapping.Values;
using Apps = Pulumi.Kubernetes.Types.Inputs.Apps.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>apps/v1: the DaemonSet.</summary>
internal static class AppsV1
{
    /// <summary>The DaemonSet: metadata and spec (selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit).</summary>
    public static Apps.DaemonSetArgs DaemonSet(V1DaemonSet source) => new()
    {
        Metadata = MetaV1.ObjectMeta(source.Metadata),
        Spec = new Apps.DaemonSetSpecArgs
        {
            Selector = MetaV1.LabelSelector(source.Spec.Selector),
            Template = CoreV1Pod.PodTemplate(source.Spec.Template),
            UpdateStrategy = Optional(source.Spec.UpdateStrategy, strategy => new Apps.DaemonSetUpdateStrategyArgs
            {
                Type = strategy.Type,
                RollingUpdate = Optional(strategy.RollingUpdate, rolling => new Apps.RollingUpdateDaemonSetArgs
                {
                    MaxUnavailable = IntOrString(rolling.MaxUnavailable),
                    MaxSurge = IntOrString(rolling.MaxSurge),
                }),
            }),
            MinReadySeconds = Int(source.Spec.MinReadySeconds),
            RevisionHistoryLimit = Int(source.Spec.RevisionHistoryLimit),
        },
    };
}
