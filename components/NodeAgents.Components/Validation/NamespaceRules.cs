using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Namespace objects for namespaces Kubernetes creates itself: applying one relabels (Pod Security levels, part-of) and,
/// on delete, would try to remove a namespace the tool does not own (kubernetes.io/docs/concepts/overview/working-with-objects/namespaces,
/// "Initial namespaces").
/// </summary>
internal static class NamespaceRules
{
    public static readonly ValidationRule SystemNamespace = new("namespace-system", Severity.Warning, "kubernetes.io/docs/concepts/overview/working-with-objects/namespaces (Initial namespaces: default, kube-node-lease, kube-public, kube-system)", "no Namespace object for a namespace Kubernetes creates itself");

    public static IReadOnlyList<ValidationRule> All { get; } = [SystemNamespace];

    /// <summary>The namespaces every cluster starts with.</summary>
    private static readonly string[] InitialNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"];

    public static void Check(V1Namespace ns, FindingSink sink)
    {
        if (ns.Metadata?.Name is { } name && InitialNamespaces.Contains(name, StringComparer.Ordinal))
        {
            sink.Add(SystemNamespace, "metadata.name", name,
                $"'{name}' is created and owned by Kubernetes: applying this Namespace relabels it (Pod Security levels included) and tearing the stack down could delete it; deploy the agents into a namespace of their own, e.g. node-agents");
        }
    }
}
