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
            foreach (var (pod, itemPath, position) in ReadFile(file, display, problems))
            {
                Add(nodes, pod, display, itemPath, position, plannedSet, problems);
            }
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

    private static IEnumerable<(V1Pod Pod, string ItemPath, Func<(long Line, long Column)> Position)> ReadFile(string file, string display, List<InputProblem> problems)
    {
        byte[] bytes;
        try
        {
            bytes = InputPaths.ReadBounded(file, MaxFileBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            return [];
        }

        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        if (text.TrimStart() is not { Length: > 0 } trimmed)
        {
            problems.Add(new InputProblem(display, "", "the file is empty"));
            return [];
        }

        if (trimmed[0] is not ('{' or '['))
        {
            // YAML: converted to JSON documents by the reflection-free reader, then read like JSON.
            IReadOnlyList<string> documents;
            try
            {
                documents = Rendering.YamlReader.ToJson(text);
            }
            catch (Exception error) when (error is FormatException or YamlDotNet.Core.YamlException or InvalidOperationException)
            {
                problems.Add(new InputProblem(display, "", "not valid YAML: " + error.Message));
                return [];
            }

            return documents.SelectMany(document => Items(Encoding.UTF8.GetBytes(document), display, problems, withPositions: false)).ToList();
        }

        return Items(Encoding.UTF8.GetBytes(text), display, problems, withPositions: true).ToList();
    }

    /// <summary>The pods of one JSON document: its <c>items</c> one at a time, or the document itself when it is a Pod.</summary>
    private static IEnumerable<(V1Pod Pod, string ItemPath, Func<(long Line, long Column)> Position)> Items(byte[] json, string display, List<InputProblem> problems, bool withPositions)
    {
        // Positions are counted only for an item with a problem: counting lines for every item would be quadratic.
        var found = new List<(V1Pod, string, Func<(long, long)>)>();
        (long, long) Position(long offset) => withPositions ? LineAndColumn(json, offset) : (0, 0);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 128 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problems.Add(new InputProblem(display, "", "expected a List or PodList object (kubectl get pods -A -o json)", 1, 1));
                return found;
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
                        var start = reader.TokenStartIndex;
                        reader.Skip();
                        var item = Encoding.UTF8.GetString(json, (int)start, (int)(reader.BytesConsumed - start));
                        Item(item, $"items[{index}].", () => Position(start), display, problems, found);
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
                Item(Encoding.UTF8.GetString(json), "", () => Position(0), display, problems, found);
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

        return found;
    }

    private static void Item(string item, string itemPath, Func<(long, long)> position, string display, List<InputProblem> problems, List<(V1Pod, string, Func<(long, long)>)> found)
    {
        try
        {
            var pod = KubernetesJson.Deserialize<V1Pod>(item);
            if (pod.Kind is { } kind && kind != "Pod")
            {
                var (line, column) = position();
                problems.Add(new InputProblem(display, itemPath + "kind", $"expected a Pod, got '{kind}'", line, column));
                return;
            }

            found.Add((pod, itemPath, position));
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
