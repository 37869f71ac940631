using k8s;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>The object a finding is about: its kind, namespace (empty for cluster-scoped objects) and name.</summary>
/// <param name="Kind">The object's kind, e.g. <c>DaemonSet</c>.</param>
/// <param name="Namespace">The namespace, or an empty string for cluster-scoped objects.</param>
/// <param name="Name">The object's <c>metadata.name</c>.</param>
public sealed record ObjectRef(string Kind, string Namespace, string Name) : IComparable<ObjectRef>
{
    /// <summary>The reference of <paramref name="obj"/>.</summary>
    public static ObjectRef Of(IKubernetesObject<V1ObjectMeta> obj) =>
        new(obj.Kind ?? obj.GetType().Name, obj.Metadata?.NamespaceProperty ?? "", obj.Metadata?.Name ?? "");

    /// <summary>Orders by kind, then namespace, then name (ordinal).</summary>
    public int CompareTo(ObjectRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var kind = string.CompareOrdinal(Kind, other.Kind);
        if (kind != 0)
        {
            return kind;
        }

        var ns = string.CompareOrdinal(Namespace, other.Namespace);
        return ns != 0 ? ns : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary><c>Kind namespace/name</c>, or <c>Kind name</c> for cluster-scoped objects.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
