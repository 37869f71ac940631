using k8s.Models;
using Pulumi;
using static NodeAgents.Pulumi.Mapping.Values;
using Apps = Pulumi.Kubernetes.Types.Inputs.Apps.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>apps/v1: the DaemonSet.</summary>
internal static class AppsV1
{
    /// <summary>The DaemonSet: metadata and spec (selector, template, updateStrategy, minReadySeconds, revisionHistoryLimit).</summary>
    /// <param name="source">The core's DaemonSet.</param>
    /// <param name="deployTimePodAnnotations">Pod-template annotations known only at deploy time (e.g. the secret version), added to the core's.</param>
    public static Apps.DaemonSetArgs DaemonSet(V1DaemonSet source, InputMap<string>? deployTimePodAnnotations = null) => new()
    {
        Metadata = MetaV1.ObjectMeta(source.Metadata),
        Spec = new Apps.DaemonSetSpecArgs
        {
            Selector = MetaV1.LabelSelector(source.Spec.Selector),
            Template = CoreV1Pod.PodTemplate(source.Spec.Template, deployTimePodAnnotations),
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
