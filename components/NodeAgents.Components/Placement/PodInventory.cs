using System.Text;
using System.Text.Json;
using NodeAgents.Input;

namespace NodeAgents.Placement;

/// <summary>
/// The pods already bound to nodes, from the output of <c>kubectl get pods -A -o json</c> (or <c>-o yaml</c>): a
/// <c>List</c> or <c>PodList</c>, or one <c>Pod</c>, in a file or a folder of <c>*.json</c>/<c>*.yaml</c>/<c>*.yml</c>.
/// Streamed item by item like the node inventory (<see cref="JsonListStream{TFields}"/>; YAML through
/// <see cref="YamlAsJson"/>), reading only the fields the plan needs (<see cref="PodFields"/>), and summed per node as the
/// scheduler counts a node's pods: a pod counts on <c>spec.nodeName</c> unless its <c>status.phase</c> is <c>Succeeded</c>
/// or <c>Failed</c> (the scheduler's cache drops terminated pods); its requests are those of <see cref="PodRequests"/>
/// (init containers, sidecars and overhead as <c>resource.PodRequests</c> counts them). Pods of a DaemonSet being planned
/// (an <c>ownerReferences</c> entry of kind <c>DaemonSet</c> with its name, in its namespace) are left out: the plan
/// replaces them. Memory stays bounded by the largest item and the per-node sums with each pod's identity.
/// </summary>
public static class PodInventory
{
    /// <summary>Reads the pods at <paramref name="path"/> and sums them per node.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="planned">The DaemonSets being planned, as (namespace, name): their pods are not counted.</param>
    /// <returns>The pods bound to each node, by node name.</returns>
    /// <exception cref="InputException">
    /// The path cannot be read, a file is not valid JSON/YAML or not a List/PodList/Pod, an item is not a Pod, or a field the
    /// plan reads has a bad value (a quantity that is not one or breaks <see cref="QuantityRules"/>, a value of the wrong
    /// type); every problem of every file, with file, item path, line and column.
    /// </exception>
    public static IReadOnlyDictionary<string, NodePods> Read(string path, IReadOnlyCollection<(string Namespace, string Name)> planned)
    {
        var problems = new List<InputProblem>();
        var files = InputPaths.Files(path, NodeInventory.Extensions, problems);
        var nodes = new Dictionary<string, NodePods>(StringComparer.Ordinal);
        var plannedSet = planned.ToHashSet();
        var quantities = new QuantityCache();
        foreach (var (file, display) in files)
        {
            foreach (var pod in InventoryFiles.Read(file, display, problems, InventoryKinds.Pods, json => ReadJson(json, display, problems, quantities)))
            {
                Add(nodes, pod, plannedSet);
            }
        }

        return problems.Count > 0 ? throw new InputException(problems) : nodes;
    }

    private static void Add(Dictionary<string, NodePods> nodes, PodFields pod, HashSet<(string Namespace, string Name)> planned)
    {
        if (pod.NodeName is not { Length: > 0 } nodeName || pod.Phase is "Succeeded" or "Failed")
        {
            return;
        }

        var ns = pod.Namespace ?? "default";
        foreach (var owner in pod.DaemonSetOwners)
        {
            if (planned.Contains((ns, owner)))
            {
                return;
            }
        }

        if (!nodes.TryGetValue(nodeName, out var node))
        {
            node = new NodePods(nodeName);
            nodes[nodeName] = node;
        }

        node.Add(new BoundPod(ns, pod.Name, pod.Priority, pod.Requests, pod.StartTime) { HostPorts = pod.HostPorts.Count == 0 ? [] : [.. pod.HostPorts] });
    }

    /// <summary>The pods of one JSON file, each valid until the enumeration moves on; problems go to <paramref name="problems"/>.</summary>
    private static IEnumerable<PodFields> ReadJson(string file, string display, List<InputProblem> problems, QuantityCache quantities)
    {
        JsonListStream<PodFields> stream;
        try
        {
            stream = new JsonListStream<PodFields>(file, new PodFields(quantities), "a List or a Pod", findDuplicateKeys: false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            yield break;
        }

        using (stream)
        {
            for (var index = 0; ; index++)
            {
                JsonListItem? item;
                try
                {
                    item = stream.Next(display, problems, index, "a Pod object");
                }
                catch (JsonException error)
                {
                    problems.Add(new InputProblem(display, "", "not valid JSON: " + JsonNodeStream.Message(error), (error.LineNumber ?? stream.Line) + 1, (error.BytePositionInLine ?? stream.Column) + 1));
                    yield break;
                }

                if (item is null)
                {
                    break;
                }

                if (item.Bytes.IsEmpty)
                {
                    continue;
                }

                var fields = stream.Fields;
                var path = fields.Kind is not (null or "Pod") || item.Problems.Count > 0 ? $"items[{index}]." : "";
                if (fields.Kind is not (null or "Pod"))
                {
                    problems.Add(new InputProblem(display, path + "kind", $"expected a Pod, got '{fields.Kind}'", item.Line, item.Column));
                }
                else if (item.Problems.Count > 0)
                {
                    problems.AddRange(item.Problems.Select(bad => new InputProblem(display, path + bad.Path, bad.Message, bad.Line, bad.Column)));
                }
                else
                {
                    yield return fields;
                }
            }

            if (stream.HasItems ? stream.Kind is not ("List" or "PodList") : stream.Kind != "Pod")
            {
                problems.Add(new InputProblem(display, "kind", stream.Kind is null
                    ? $"missing; expected {InventoryKinds.Pods.Expected} (the output of kubectl get pods -A -o json)"
                    : $"'{stream.Kind}' is not one of List, PodList, Pod"));
            }
        }

        if (!stream.HasItems && stream.Kind == "Pod")
        {
            // One Pod as the whole file (its JSON already read through once, so it is valid): read with the same fields.
            if (ReadSingle(file, display, problems, quantities) is { } pod)
            {
                yield return pod;
            }
        }
    }

    /// <summary>The fields of a file that is one Pod, or null with problems added.</summary>
    private static PodFields? ReadSingle(string file, string display, List<InputProblem> problems, QuantityCache quantities)
    {
        byte[] bytes;
        try
        {
            bytes = InputPaths.ReadBounded(file, JsonListStream<PodFields>.MaxItemBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            return null;
        }

        var fields = new PodFields(quantities);
        var json = bytes.AsSpan(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0);
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || !fields.TryRead(ref reader))
        {
            problems.Add(new InputProblem(display, "", "the file ends inside the JSON document"));
            return null;
        }

        foreach (var (path, message, start) in fields.Problems)
        {
            var before = json[..(int)start];
            var lastNewline = before.LastIndexOf((byte)'\n');
            problems.Add(new InputProblem(display, path, message, before.Count((byte)'\n') + 1, before.Length - lastNewline));
        }

        return fields.Problems.Count == 0 ? fields : null;
    }
}
