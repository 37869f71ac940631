using k8s;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Names of cluster-wide RBAC objects that belong to Kubernetes itself: the API server creates and reconciles the default
/// ClusterRoles (cluster-admin, admin, edit, view and the <c>system:</c> roles) and ClusterRoleBindings (cluster-admin and
/// the <c>system:</c> bindings); applying an object of the same kind and name overwrites the built-in one
/// (kubernetes.io/docs/reference/access-authn-authz/rbac, "Default roles and role bindings").
/// </summary>
internal static class RbacRules
{
    /// <summary>The prefix of every built-in role and binding of the Kubernetes components.</summary>
    public const string SystemPrefix = "system:";

    public static readonly ValidationRule ReservedName = new("rbac-name-reserved", Severity.Error, "kubernetes.io/docs/reference/access-authn-authz/rbac (Default roles and role bindings)", "a ClusterRole or ClusterRoleBinding does not take the name of a built-in one");

    public static IReadOnlyList<ValidationRule> All { get; } = [ReservedName];

    /// <summary>The built-in ClusterRoles without the <c>system:</c> prefix (the user-facing roles).</summary>
    private static readonly string[] BuiltInClusterRoles = ["cluster-admin", "admin", "edit", "view"];

    /// <summary>The built-in ClusterRoleBindings without the <c>system:</c> prefix.</summary>
    private static readonly string[] BuiltInClusterRoleBindings = ["cluster-admin"];

    public static void Check(IKubernetesObject<V1ObjectMeta> obj, FindingSink sink)
    {
        var name = obj.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var builtIn = obj switch
        {
            V1ClusterRole => BuiltInClusterRoles,
            V1ClusterRoleBinding => BuiltInClusterRoleBindings,
            _ => null,
        };
        if (builtIn is not null && (name.StartsWith(SystemPrefix, StringComparison.Ordinal) || builtIn.Contains(name, StringComparer.Ordinal)))
        {
            sink.Add(ReservedName, "metadata.name", name,
                $"'{name}' is a built-in {obj.Kind} of Kubernetes: applying this object would overwrite it (and the API server may reconcile it back); give the agent's RBAC objects their own name, e.g. the agent's name");
        }
    }
}
