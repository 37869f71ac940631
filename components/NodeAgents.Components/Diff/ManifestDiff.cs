using System.Text.Json.Nodes;

namespace NodeAgents.Diff;

/// <summary>
/// Matches the objects of two renders by <see cref="ObjectKey"/> and lists what was added, removed, changed or renamed.
/// A rename is a removed and an added object of the same <c>apiVersion</c> and <c>kind</c> with the same role (the
/// <c>app.kubernetes.io/component</c> label), when exactly one of each has that role; any other pair stays added and removed.
/// </summary>
public static class ManifestDiff
{
    /// <summary>The label that names an object's role (logging, monitoring, network, security).</summary>
    public const string RoleLabel = "app.kubernetes.io/component";

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, ordered by kind, namespace and name.</summary>
    /// <exception cref="ArgumentException">One side holds two objects with the same key (the message names it).</exception>
    public static IReadOnlyList<ObjectChange> Compare(IReadOnlyList<JsonObject> before, IReadOnlyList<JsonObject> after)
    {
        var a = Index(before, "base");
        var b = Index(after, "current");
        var changes = new List<ObjectChange>();
        foreach (var (key, obj) in b)
        {
            if (a.TryGetValue(key, out var old))
            {
                var fields = FieldDiff.Compare(old, obj);
                if (fields.Count > 0)
                {
                    changes.Add(new ObjectChange(key, ChangeKind.Changed, fields));
                }
            }
        }

        var removed = a.Keys.Where(key => !b.ContainsKey(key)).ToList();
        var added = b.Keys.Where(key => !a.ContainsKey(key)).ToList();
        foreach (var group in removed.GroupBy(key => (key.ApiVersion, key.Kind, Role: Role(a[key]))).Where(g => g.Key.Role.Length > 0 && g.Count() == 1))
        {
            var candidates = added.Where(key => key.ApiVersion == group.Key.ApiVersion && key.Kind == group.Key.Kind && Role(b[key]) == group.Key.Role).ToList();
            if (candidates.Count != 1)
            {
                continue;
            }

            var from = group.Single();
            var to = candidates[0];
            var fields = FieldDiff.Compare(a[from], b[to]).Where(field => field.Path is not ("metadata.name" or "metadata.namespace")).ToList();
            changes.Add(new ObjectChange(to, ChangeKind.Renamed, fields, from));
            removed.Remove(from);
            added.Remove(to);
        }

        changes.AddRange(added.Select(key => new ObjectChange(key, ChangeKind.Added, [])));
        changes.AddRange(removed.Select(key => new ObjectChange(key, ChangeKind.Removed, [])));
        return [.. changes.OrderBy(change => change.Key)];
    }

    /// <summary>The role label of an object, or empty.</summary>
    public static string Role(JsonObject obj) =>
        obj["metadata"]?["labels"]?[RoleLabel] is JsonValue value && value.TryGetValue<string>(out var role) ? role : "";

    private static SortedDictionary<ObjectKey, JsonObject> Index(IReadOnlyList<JsonObject> objects, string side)
    {
        var index = new SortedDictionary<ObjectKey, JsonObject>();
        foreach (var obj in objects)
        {
            var key = ObjectKey.Of(obj);
            if (!index.TryAdd(key, obj))
            {
                throw new ArgumentException($"the {side} render holds {key} twice");
            }
        }

        return index;
    }
}
