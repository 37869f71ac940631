using k8s.Models;
using static NodeAgents.Pulumi.Mapping.Values;
using Meta = Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>meta/v1: object metadata and label selectors.</summary>
internal static class MetaV1
{
    /// <summary>The metadata the core sets: name, namespace, labels and annotations.</summary>
    public static Meta.ObjectMetaArgs ObjectMeta(V1ObjectMeta source) => new()
    {
        Name = source.Name,
        Namespace = source.NamespaceProperty,
        Labels = Map(source.Labels),
        Annotations = Map(source.Annotations),
    };

    /// <summary>A label selector: matchLabels and matchExpressions.</summary>
    public static Meta.LabelSelectorArgs LabelSelector(V1LabelSelector source) => new()
    {
        MatchLabels = Map(source.MatchLabels),
        MatchExpressions = List(source.MatchExpressions, requirement => new Meta.LabelSelectorRequirementArgs
        {
            Key = requirement.Key,
            Operator = requirement.OperatorProperty,
            Values = Strings(requirement.Values),
        }),
    };
}
