using System.Text.Json.Nodes;

namespace NodeAgents.Diff;

/// <summary>
/// The field-level difference of two JSON objects. Mappings compare key by key (their order never counts); lists that
/// Kubernetes treats as maps (<see cref="ListMapKeys"/>) match their items by key, so reordering them is no change; scalar
/// sets (RBAC verbs, capabilities) ignore order; lists of objects without keys of the same length compare item by item
/// (<c>rules[0].verbs</c>); every other list is compared as a whole value, in order (command, args).
/// </summary>
public static class FieldDiff
{
    /// <summary>The fields that differ, in path order of the walk (mapping keys sorted ordinally).</summary>
    /// <param name="before">The base object; null when absent.</param>
    /// <param name="after">The current object; null when absent.</param>
    public static IReadOnlyList<FieldChange> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<FieldChange>();
        Walk("", "", before, after, changes);
        return changes;
    }

    private static void Walk(string path, string schema, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Walk(Join(path, key), Join(schema, key), a[key], b[key], changes);
                }

                return;
            case (JsonArray a, JsonArray b) when ListMapKeys.KeysOf(schema) is { } keys && Keyed(a, keys) is { } byKeyA && Keyed(b, keys) is { } byKeyB:
                foreach (var key in byKeyA.Keys.Union(byKeyB.Keys).Order(StringComparer.Ordinal))
                {
                    Walk($"{path}[{key}]", schema + "[]", byKeyA.GetValueOrDefault(key), byKeyB.GetValueOrDefault(key), changes);
                }

                return;
            case (JsonArray a, JsonArray b) when ListMapKeys.IsSet(schema) && SameSet(a, b):
                return;
            case (JsonArray a, JsonArray b) when a.Count == b.Count && a.Concat(b).All(item => item is JsonObject):
                // Lists of objects without keys (RBAC rules): their order counts, so item i is compared with item i.
                for (var i = 0; i < a.Count; i++)
                {
                    Walk($"{path}[{i}]", schema + "[]", a[i], b[i], changes);
                }

                return;
            default:
                changes.Add(new FieldChange(path, before?.ToJsonString(), after?.ToJsonString()));
                return;
        }
    }

    /// <summary>The items by key (<c>a/b</c> for two key fields), or null when an item is no object or two items share a key (compared whole).</summary>
    private static Dictionary<string, JsonNode>? Keyed(JsonArray list, IReadOnlyList<string> keys)
    {
        var byKey = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (item is not JsonObject obj)
            {
                return null;
            }

            var key = string.Join("/", keys.Select(field => obj[field] is JsonValue value ? value.ToString() : ListMapKeys.DefaultOf(field)));
            if (!byKey.TryAdd(key, obj))
            {
                return null;
            }
        }

        return byKey;
    }

    private static bool SameSet(JsonArray a, JsonArray b) =>
        a.Select(item => item?.ToJsonString() ?? "null").ToHashSet(StringComparer.Ordinal)
            .SetEquals(b.Select(item => item?.ToJsonString() ?? "null"));

    /// <summary>Appends a field: <c>a.b</c>, or <c>a[b.c/d]</c> when the key holds a dot or slash (labels, annotations).</summary>
    private static string Join(string path, string key) =>
        key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal) ? $"{path}[{key}]"
        : path.Length == 0 ? key : $"{path}.{key}";
}
