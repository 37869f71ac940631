using k8s;
using k8s.Models;

namespace NodeAgents.Benchmarks;

/// <summary>
/// Generates a large <c>kubectl get pods -A -o json</c> list deterministically from the real pods in ../shared/data/pods:
/// pod <c>i</c> is a copy of real pod <c>i mod shapes</c> with a unique name, bound to node <c>i mod nodes</c> of the
/// given node names. No randomness: the same counts always give the same file.
/// </summary>
public static class PodGenerator
{
    /// <summary>The real pods every generated list is made of, in file order.</summary>
    public static IReadOnlyList<V1Pod> Shapes(string sharedData) =>
        [.. Directory.EnumerateFiles(Path.Combine(sharedData, "pods"), "*.pods.json").Order(StringComparer.Ordinal)
            .SelectMany(file => KubernetesJson.Deserialize<V1PodList>(File.ReadAllText(file)).Items)];

    /// <summary>Writes a <c>v1</c> <c>List</c> of <paramref name="count"/> pods spread over <paramref name="nodes"/> to <paramref name="path"/>; returns its size in bytes.</summary>
    public static long Write(IReadOnlyList<V1Pod> shapes, IReadOnlyList<string> nodes, int count, string path)
    {
        var pods = new List<V1Pod>(count);
        for (var index = 0; index < count; index++)
        {
            // A deep copy through JSON keeps every field of the real pod.
            var pod = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(shapes[index % shapes.Count]));
            pod.Metadata.Name = $"{pod.Metadata.Name}-{index:D6}";
            pod.Spec.NodeName = nodes[index % nodes.Count];
            pods.Add(pod);
        }

        var list = new V1PodList { ApiVersion = "v1", Kind = "List", Items = pods, Metadata = new V1ListMeta() };
        File.WriteAllText(path, KubernetesJson.Serialize(list));
        return new FileInfo(path).Length;
    }
}
