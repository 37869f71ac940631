using System.Text.Json.Nodes;

namespace NodeAgents.Diff;

/// <summary>
/// What identifies an object across two renders: <c>apiVersion</c>, <c>kind</c>, <c>metadata.namespace</c> (empty for
/// cluster-scoped objects) and <c>metadata.name</c>, as <c>kubectl apply</c> and the API server identify it.
/// </summary>
/// <param name="ApiVersion">E.g. <c>apps/v1</c>.</param>
/// <param name="Kind">E.g. <c>DaemonSet</c>.</param>
/// <param name="Namespace">The namespace; empty when cluster-scoped.</param>
/// <param name="Name">The name.</param>
public sealed record ObjectKey(string ApiVersion, string Kind, string Namespace, string Name) : IComparable<ObjectKey>
{
    /// <summary>The key of a JSON object (fields missing: empty strings).</summary>
    public static ObjectKey Of(JsonObject obj) => new(
        Text(obj["apiVersion"]),
        Text(obj["kind"]),
        Text(obj["metadata"]?["namespace"]),
        Text(obj["metadata"]?["name"]));

    /// <summary><c>Kind namespace/name</c>, or <c>Kind name</c> when cluster-scoped.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>Orders by kind, namespace, name, then apiVersion (ordinal).</summary>
    public int CompareTo(ObjectKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = string.CompareOrdinal(Kind, other.Kind);
        order = order != 0 ? order : string.CompareOrdinal(Namespace, other.Namespace);
        order = order != 0 ? order : string.CompareOrdinal(Name, other.Name);
        return order != 0 ? order : string.CompareOrdinal(ApiVersion, other.ApiVersion);
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
