using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace NodeAgents.Building;

/// <summary>Small helpers for <c>k8s.Models</c> objects: apiVersion/kind stamping and deep copies.</summary>
public static class KubernetesObjects
{
    /// <summary>Sets <c>apiVersion</c> and <c>kind</c> from the model type's <c>KubeGroup</c>, <c>KubeApiVersion</c> and <c>KubeKind</c> constants.</summary>
    public static T Stamp<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(T obj)
        where T : IKubernetesObject
    {
        var type = typeof(T);
        var group = (string?)type.GetField("KubeGroup")?.GetValue(null) ?? "";
        var version = (string)type.GetField("KubeApiVersion")!.GetValue(null)!;
        obj.ApiVersion = group.Length == 0 ? version : $"{group}/{version}";
        obj.Kind = (string)type.GetField("KubeKind")!.GetValue(null)!;
        return obj;
    }

    /// <summary>A deep copy through the client library's JSON serializer; null stays null.</summary>
    public static T? Copy<T>(T? obj)
        where T : class =>
        obj is null ? null : KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));

    /// <summary>Deep copies of every item; an empty list becomes null, so the field is left out of manifests.</summary>
    public static List<T>? CopyAll<T>(IEnumerable<T> items)
        where T : class
    {
        var copies = items.Select(item => Copy(item)!).ToList();
        return copies.Count == 0 ? null : copies;
    }

    /// <summary>An ordinal-sorted copy of a map; an empty map becomes null.</summary>
    public static SortedDictionary<string, string>? SortedOrNull(IEnumerable<KeyValuePair<string, string>> map)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            sorted[key] = value;
        }

        return sorted.Count == 0 ? null : sorted;
    }
}
