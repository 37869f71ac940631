using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using NodeAgents.Input;

namespace NodeAgents.Placement;

/// <summary>
/// The pods already bound to nodes, from the output of <c>kubectl get pods -A -o json</c> (or <c>-o yaml</c>): a
/// <c>List</c> or <c>PodList</c>, or one <c>Pod</c>, in a file or a folder of <c>*.json</c>/<c>*.yaml</c>/<c>*.yml</c>.
/// Read item by item (one <see cref="V1Pod"/> at a time) and summed per node as the scheduler counts a node's pods: a pod
/// counts on <c>spec.nodeName</c> unless its <c>status.phase</c> is <c>Succeeded</c> or <c>Failed</c> (the scheduler's
/// cache drops terminated pods); its requests are <see cref="PodRequests.Of(k8s.Models.V1PodSpec)"/> (init containers, sidecars and overhead as
/// <c>resource.PodRequests</c> counts them). Pods of a DaemonSet being planned (an <c>ownerReferences</c> entry of kind
/// <c>DaemonSet</c> with its name, in its namespace) are left out: the plan replaces them.
/// </summary>
public static class PodInventory
{
    /// <summary>The largest pod list file read, in bytes (1 GiB, about 300,000 pods of kubectl's JSON).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads the pods at <paramref name="path"/> and sums them per node.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="planned">The DaemonSets being planned, as (namespace, name): their pods are not counted.</param>
    /// <exception cref="InputException">The path cannot be read, or items are not pods with valid requests; every problem, with file, item path and position.</exception>
    public static IReadOnlyDictionary<string, NodePods> Read(string path, IReadOnlyCollection<(string Namespace, string Name)> planned)
    {
        var problems = new List<InputProblem>();
        var files = InputPaths.Files(path, NodeInventory.Extensions, problems);
        var nodes = new Dictionary<string, NodePods>(StringComparer.Ordinal);
        var plannedSet = planned.Select(daemonSet => $"{daemonSet.Namespace}/{daemonSet.Name}").ToHashSet(StringComparer.Ordinal);
        foreach (var (file, display) in files)
        {
            // Each pod is summed as soon as it is read; only the per-node sums and the pods' identities are kept.
            ReadFile(file, display, problems, (pod, itemPath, position) => Add(nodes, pod, display, itemPath, position, plannedSet, problems));
        }

        return problems.Count > 0 ? throw new InputException(problems) : nodes;
    }

    private static void Add(Dictionary<string, NodePods> nodes, V1Pod pod, string display, string itemPath, Func<(long Line, long Column)> position, HashSet<string> planned, List<InputProblem> problems)
    {
        if (pod.Spec?.NodeName is not { Length: > 0 } nodeName || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return;
        }

        var ns = pod.Metadata?.NamespaceProperty ?? "default";
        if ((pod.Metadata?.OwnerReferences ?? []).Any(owner => owner.Kind == "DaemonSet" && planned.Contains($"{ns}/{owner.Name}")))
        {
            return;
        }

        ResourceAmounts requests;
        try
        {
            requests = PodRequests.Of(pod.Spec);
        }
        catch (ArgumentException error)
        {
            var (line, column) = position();
            problems.Add(new InputProblem(display, itemPath + "spec", error.Message, line, column));
            return;
        }

        if (!nodes.TryGetValue(nodeName, out var node))
        {
            node = new NodePods(nodeName);
            nodes[nodeName] = node;
        }

        node.Add(new BoundPod(ns, pod.Metadata?.Name ?? "", pod.Spec.Priority ?? 0, requests, pod.Status?.StartTime));
    }

    /// <summary>What is done with each pod read: the pod, its item path (<c>items[N].</c>) and its position, counted on demand.</summary>
    private delegate void PodSink(V1Pod pod, string itemPath, Func<(long Line, long Column)> position);

    private static void ReadFile(string file, string display, List<InputProblem> problems, PodSink sink)
    {
        byte[] bytes;
        try
        {
            bytes = InputPaths.ReadBounded(file, MaxFileBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            return;
        }

        var first = Array.FindIndex(bytes, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF));
        if (first < 0)
        {
            problems.Add(new InputProblem(display, "", "the file is empty"));
            return;
        }

        if (bytes[first] is not ((byte)'{' or (byte)'['))
        {
            // YAML: converted to JSON documents by the reflection-free reader, then read like JSON.
            IReadOnlyList<string> documents;
            try
            {
                documents = Rendering.YamlReader.ToJson(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
            }
            catch (Exception error) when (error is FormatException or YamlDotNet.Core.YamlException or InvalidOperationException)
            {
                problems.Add(new InputProblem(display, "", "not valid YAML: " + error.Message));
                return;
            }

            foreach (var document in documents)
            {
                Items(Encoding.UTF8.GetBytes(document), display, problems, withPositions: false, sink);
            }

            return;
        }

        Items(bytes, display, problems, withPositions: true, sink);
    }

    /// <summary>The pods of one JSON document: its <c>items</c> one at a time, or the document itself when it is a Pod.</summary>
    private static void Items(byte[] json, string display, List<InputProblem> problems, bool withPositions, PodSink sink)
    {
        // Positions are counted only for an item with a problem: counting lines for every item would be quadratic.
        (long, long) Position(long offset) => withPositions ? LineAndColumn(json, offset) : (0, 0);
        try
        {
            // A byte-order mark is skipped; offsets stay those of the file.
            var skipped = json.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            var reader = new Utf8JsonReader(json.AsSpan(skipped), new JsonReaderOptions { MaxDepth = 128 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(new InputProblem(display, "", "expected a List or PodList object (kubectl get pods -A -o json)", 1, 1));
                return;
            }

            string? kind = null;
            var hadItems = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString();
                reader.Read();
                if (property == "kind" && reader.TokenType == JsonTokenType.String)
                {
                    kind = reader.GetString();
                }
                else if (property == "items" && reader.TokenType == JsonTokenType.StartArray)
                {
                    hadItems = true;
                    var index = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = skipped + reader.TokenStartIndex;
                        reader.Skip();
                        Item(json, start, skipped + reader.BytesConsumed - start, $"items[{index}].", () => Position(start), display, problems, sink);
                        index++;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (!hadItems && kind == "Pod")
            {
                Item(json, skipped, json.Length - skipped, "", () => Position(skipped), display, problems, sink);
            }
            else if (!hadItems || kind is not ("List" or "PodList"))
            {
                problems.Add(new InputProblem(display, "kind", $"expected a List or PodList of pods (kubectl get pods -A -o json), got kind '{kind}'", 1, 1));
            }
        }
        catch (JsonException error)
        {
            problems.Add(new InputProblem(display, "", "not valid JSON: " + error.Message, (error.LineNumber ?? 0) + 1, (error.BytePositionInLine ?? 0) + 1));
        }
    }

    /// <summary>Deserializes the item at <paramref name="start"/> (UTF-8, <paramref name="length"/> bytes) with KubernetesClient and hands it to <paramref name="sink"/>.</summary>
    private static void Item(byte[] json, long start, long length, string itemPath, Func<(long, long)> position, string display, List<InputProblem> problems, PodSink sink)
    {
        try
        {
            using var item = new MemoryStream(json, (int)start, (int)length, writable: false);
            var pod = KubernetesJson.Deserialize<V1Pod>(item);
            if (pod.Kind is { } kind && kind != "Pod")
            {
                var (line, column) = position();
                problems.Add(new InputProblem(display, itemPath + "kind", $"expected a Pod, got '{kind}'", line, column));
                return;
            }

            sink(pod, itemPath, position);
        }
        catch (Exception error) when (error is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            var (line, column) = position();
            problems.Add(new InputProblem(display, itemPath.TrimEnd('.'), "not a Pod: " + error.Message, line, column));
        }
    }

    private static (long Line, long Column) LineAndColumn(byte[] json, long offset)
    {
        long line = 1, column = 1;
        for (var i = 0; i < offset && i < json.Length; i++)
        {
            (line, column) = json[i] == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        return (line, column);
    }
}
