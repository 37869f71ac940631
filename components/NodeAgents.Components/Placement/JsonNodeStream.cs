using NodeAgents.Input;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Reads the Nodes of a JSON <c>List</c>/<c>NodeList</c> one at a time (<see cref="JsonListStream{TFields}"/>), so a 20,000-node
/// inventory never sits in memory as a whole: in the same single pass <see cref="NodeFields"/> picks out what grouping
/// needs; an item becomes a <see cref="V1Node"/> (KubernetesClient's <see cref="KubernetesJson"/>) only when it is the first
/// of its group. Positions of problems are absolute 1-based lines and columns of the file. A key repeated in one object of
/// an item is a problem at the repeated key (<see cref="JsonDuplicateKeys"/>).
/// </summary>
internal static partial class JsonNodeStream
{
    /// <summary>
    /// The nodes of <paramref name="file"/> as views with their item path (<c>items[N].</c>), in order; each view is valid
    /// until the enumeration moves on. Problems go to <paramref name="problems"/> and the item is skipped: not valid JSON, not
    /// an object, a kind other than Node, a key repeated in one object, a capacity or allocatable value that is not a quantity. The root's kind is checked
    /// after the last item; a root without <c>items</c> but with kind Node is read as one node.
    /// </summary>
    /// <param name="file">The file to read.</param>
    /// <param name="display">The file name for problems.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="labelKeys">The label keys whose values the views must answer (<see cref="NodeView.TryGetLabel"/>); others are skipped.</param>
    public static IEnumerable<(NodeView Node, string Path)> Read(string file, string display, List<InputProblem> problems, IReadOnlyCollection<string> labelKeys)
    {
        using var reader = Open(file, display, problems, labelKeys);
        if (reader is null)
        {
            yield break;
        }

        var index = 0;
        while (true)
        {
            JsonListItem? next;
            try
            {
                next = reader.Next(display, problems, index, "a Node object");
            }
            catch (JsonException error)
            {
                // Utf8JsonReader carries the line and position in its state, so they are absolute (0-based).
                problems.Add(new InputProblem(display, "", "not valid JSON: " + Message(error), (error.LineNumber ?? reader.Line) + 1, (error.BytePositionInLine ?? reader.Column) + 1));
                yield break;
            }

            if (next is null)
            {
                break;
            }

            var path = $"items[{index++}].";
            if (next.Bytes.IsEmpty)
            {
                continue;
            }

            var (line, column) = (next.Line, next.Column);
            var fields = reader.Fields;
            if (fields.Kind is not (null or "Node"))
            {
                problems.Add(new InputProblem(display, path + "kind", $"expected a Node, got kind '{fields.Kind}'", line, column));
                continue;
            }

            if (next.Problems.Count > 0)
            {
                problems.AddRange(next.Problems.Select(bad => new InputProblem(display, path + bad.Path, bad.Message, bad.Line, bad.Column)));
                continue;
            }

            var view = new JsonItemNodeView(fields, next.Bytes, error => problems.Add(ItemProblem(display, path, error, line, column)));
            yield return (view, path);
        }

        if (reader.HasItems && reader.Kind is not ("List" or "NodeList"))
        {
            problems.Add(new InputProblem(display, "kind", reader.Kind is null
                ? "missing; expected List or NodeList around items (the output of kubectl get nodes -o json)"
                : $"'{reader.Kind}' is not one of List, NodeList, Node"));
        }
        else if (!reader.HasItems && reader.Kind == "Node")
        {
            V1Node? single = null;
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
                single = KubernetesJson.Deserialize<V1Node>(stream);
            }
            catch (Exception error) when (error is JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
            {
                problems.Add(ItemProblem(display, "", error, 0, 0));
            }

            var bad = single is null ? [] : NodeValueRules.Problems(single).ToList();
            problems.AddRange(bad.Select(problem => new InputProblem(display, problem.Path, problem.Message)));
            if (single is not null && bad.Count == 0)
            {
                yield return (new TypedNodeView(single), "");
            }
        }
        else if (!reader.HasItems && reader.Kind is not ("List" or "NodeList"))
        {
            problems.Add(new InputProblem(display, "kind", reader.Kind is null
                ? "missing; expected List, NodeList or Node (the output of kubectl get nodes -o json or -o yaml)"
                : $"'{reader.Kind}' is not one of List, NodeList, Node"));
        }
    }

    private static JsonListStream<NodeFields>? Open(string file, string display, List<InputProblem> problems, IReadOnlyCollection<string> labelKeys)
    {
        try
        {
            return new JsonListStream<NodeFields>(file, new NodeFields(labelKeys, new QuantityCache()), "a List or a Node", findDuplicateKeys: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            return null;
        }
    }

    private static InputProblem ItemProblem(string display, string path, Exception error, long itemLine, long itemColumn)
    {
        if (error is JsonException json)
        {
            var inner = json.Path is null or "$" ? "" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
            var line = itemLine == 0 ? 0 : itemLine + (json.LineNumber ?? 0);
            var column = itemLine == 0 ? 0 : (json.LineNumber is null or 0 ? itemColumn - 1 : 0) + (json.BytePositionInLine ?? 0) + 1;
            return new InputProblem(display, (path + inner).TrimEnd('.'), "not valid: " + Message(json), line, column);
        }

        return new InputProblem(display, path.TrimEnd('.'), "not valid: " + Message(error), itemLine, itemColumn);
    }

    /// <summary>The message of a JSON or value error without the parser's position suffixes, in the words of the Kubernetes API.</summary>
    internal static string Message(Exception error)
    {
        var message = error.InnerException is FormatException or ArgumentException or OverflowException ? error.InnerException.Message : error.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        message = message.Trim();
        var converted = ConvertedTo().Match(message);
        return converted.Success ? "expected " + Describe(converted.Groups[1].Value) : message;
    }

    /// <summary>A .NET type of the KubernetesClient model in the words of the Kubernetes API.</summary>
    private static string Describe(string type) => type switch
    {
        _ when type.StartsWith("System.Collections.Generic.IDictionary", StringComparison.Ordinal) => "a map (key: value)",
        _ when type.StartsWith("System.Collections.Generic.IList", StringComparison.Ordinal) => "a list",
        "System.String" => "a string",
        "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when type.StartsWith("k8s.Models.V1", StringComparison.Ordinal) => $"an object ({type["k8s.Models.V1".Length..]})",
        _ => type,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to ([^ ]+?)\.?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();
}
