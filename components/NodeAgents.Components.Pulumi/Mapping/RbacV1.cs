using k8s.Models;
using static NodeAgents.Pulumi.Mapping.Values;
using Rbac = Pulumi.Kubernetes.Types.Inputs.Rbac.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>rbac.authorization.k8s.io/v1: the ClusterRole and its binding.</summary>
internal static class RbacV1
{
    /// <summary>The ClusterRole: metadata and rules.</summary>
    public static Rbac.ClusterRoleArgs ClusterRole(V1ClusterRole source) => new()
    {
        Metadata = MetaV1.ObjectMeta(source.Metadata),
        Rules = List(source.Rules, rule => new Rbac.PolicyRuleArgs
        {
            ApiGroups = Strings(rule.ApiGroups),
            Resources = Strings(rule.Resources),
            ResourceNames = Strings(rule.ResourceNames),
            NonResourceURLs = Strings(rule.NonResourceURLs),
            Verbs = Strings(rule.Verbs),
        }),
    };

    /// <summary>The ClusterRoleBinding: metadata, roleRef and subjects.</summary>
    public static Rbac.ClusterRoleBindingArgs ClusterRoleBinding(V1ClusterRoleBinding source) => new()
    {
        Metadata = MetaV1.ObjectMeta(source.Metadata),
        RoleRef = new Rbac.RoleRefArgs { ApiGroup = source.RoleRef.ApiGroup, Kind = source.RoleRef.Kind, Name = source.RoleRef.Name },
        Subjects = List(source.Subjects, subject => new Rbac.SubjectArgs
        {
            ApiGroup = subject.ApiGroup,
            Kind = subject.Kind,
            Name = subject.Name,
            Namespace = subject.NamespaceProperty,
        }),
    };
}
