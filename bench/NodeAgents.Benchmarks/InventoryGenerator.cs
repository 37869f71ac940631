using k8s;
using k8s.Models;
using NodeAgents.Placement;

namespace NodeAgents.Benchmarks;

/// <summary>
/// Generates large node inventories deterministically from the real shapes in ../shared/data/nodes: node <c>i</c> is a copy
/// of real node <c>i mod shapes</c> with a unique name (also in <c>kubernetes.io/hostname</c> and <c>spec.providerID</c>) and
/// one of three zones by <c>i mod 3</c>. No randomness: the same count always gives the same file.
/// </summary>
public static class InventoryGenerator
{
    /// <summary>The real nodes every generated inventory is made of, in file order.</summary>
    public static IReadOnlyList<V1Node> Shapes(string sharedData) => NodeInventory.Read(Path.Combine(sharedData, "nodes"));

    /// <summary>Writes a <c>v1</c> <c>List</c> of <paramref name="count"/> nodes to <paramref name="path"/> and returns its size in bytes.</summary>
    public static long Write(IReadOnlyList<V1Node> shapes, int count, string path)
    {
        var nodes = new List<V1Node>(count);
        for (var index = 0; index < count; index++)
        {
            nodes.Add(Derive(shapes[index % shapes.Count], index));
        }

        var list = new V1NodeList { ApiVersion = "v1", Kind = "List", Items = nodes, Metadata = new V1ListMeta() };
        File.WriteAllText(path, KubernetesJson.Serialize(list));
        return new FileInfo(path).Length;
    }

    private static V1Node Derive(V1Node shape, int index)
    {
        // A deep copy through JSON keeps every field of the real node.
        var node = KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(shape));
        var name = $"{shape.Metadata.Name}-{index:D6}";
        node.Metadata.Name = name;
        node.Metadata.Labels ??= new Dictionary<string, string>();
        if (node.Metadata.Labels.ContainsKey("kubernetes.io/hostname"))
        {
            node.Metadata.Labels["kubernetes.io/hostname"] = name;
        }

        if (node.Metadata.Labels.TryGetValue("topology.kubernetes.io/zone", out var zone))
        {
            node.Metadata.Labels["topology.kubernetes.io/zone"] = zone[..^1] + "abc"[index % 3];
        }

        if (node.Spec?.ProviderID is { } provider)
        {
            node.Spec.ProviderID = $"{provider}-{index:D6}";
        }

        return node;
    }
}
