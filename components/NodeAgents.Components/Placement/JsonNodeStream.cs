using NodeAgents.Input;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Reads the items of a JSON <c>List</c>/<c>NodeList</c> one at a time from a stream, so a 20,000-node inventory never sits
/// in memory as a whole: System.Text.Json's <see cref="Utf8JsonReader"/> walks the document in chunks, and in the same
/// single pass <see cref="NodeFields"/> picks out what grouping needs; an item becomes a <see cref="V1Node"/> (KubernetesClient's
/// <see cref="KubernetesJson"/>) only when it is the first of its group. The buffer grows only to the size of the largest
/// item. Positions of problems are absolute 1-based lines and columns of the file. A key repeated in one object of an item
/// is a problem at the repeated key (<see cref="JsonDuplicateKeys"/>).
/// </summary>
internal sealed partial class JsonNodeStream : IDisposable
{
    private readonly Stream stream;
    private byte[] buffer = new byte[1 << 18];
    private int offset;
    private int count;
    private bool endOfFile;
    private JsonReaderState state;
    private long line;
    private long column;
    private Phase phase = Phase.Start;
    private readonly QuantityCache quantities = new();
    private readonly NodeFields fields;
    private readonly JsonDuplicateKeys duplicateKeys = new();

    private JsonNodeStream(string file, IReadOnlyCollection<string> labelKeys)
    {
        stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        fields = new NodeFields(labelKeys, quantities);
    }

    private enum Phase
    {
        Start,
        Root,
        Items,
        Done,
    }

    /// <summary>The root's <c>kind</c>, known once the whole root has been read.</summary>
    public string? Kind { get; private set; }

    /// <summary>True when the root has an <c>items</c> array.</summary>
    public bool HasItems { get; private set; }

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
            Item? next;
            try
            {
                next = reader.Next(display, problems, index);
            }
            catch (JsonException error)
            {
                // Utf8JsonReader carries the line and position in its state, so they are absolute (0-based).
                problems.Add(new InputProblem(display, "", "not valid JSON: " + Message(error), (error.LineNumber ?? reader.line) + 1, (error.BytePositionInLine ?? reader.column) + 1));
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
            var fields = reader.fields;
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

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();

    private static JsonNodeStream? Open(string file, string display, List<InputProblem> problems, IReadOnlyCollection<string> labelKeys)
    {
        try
        {
            return new JsonNodeStream(file, labelKeys);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            return null;
        }
    }

    /// <summary>One parsed item: its document (null when it was not an object), its bytes in the buffer and its position.</summary>
    /// <summary>One item read into <see cref="fields"/>: its bytes in the buffer (empty when it was not an object) and its position.</summary>
    private sealed record Item(ReadOnlyMemory<byte> Bytes, long Line, long Column)
    {
        /// <summary>The bad values of the item with their absolute positions.</summary>
        public IReadOnlyList<(string Path, string Message, long Line, long Column)> Problems { get; init; } = [];
    }

    /// <summary>The next item, or null after the root.</summary>
    private Item? Next(string display, List<InputProblem> problems, int index)
    {
        while (true)
        {
            var step = Step(out var item, out var token);
            switch (step)
            {
                case StepResult.End:
                    return null;
                case StepResult.NeedMore:
                    if (!Fill())
                    {
                        throw new JsonException("the file ends inside the JSON document", null, line, column);
                    }

                    continue;
                case StepResult.NotAnObject:
                    problems.Add(new InputProblem(display, $"items[{index}]", $"expected a Node object, got {token}"));
                    return new Item(default, 0, 0);
                default:
                    return item;
            }
        }
    }

    private enum StepResult
    {
        Item,
        NotAnObject,
        NeedMore,
        End,
    }

    /// <summary>Advances over whole units only (a root property with its value, an item); nothing is committed on NeedMore.</summary>
    private StepResult Step(out Item? item, out JsonTokenType token)
    {
        item = null;
        token = JsonTokenType.None;
        while (true)
        {
            if (phase == Phase.Done)
            {
                return StepResult.End;
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(offset, count - offset), endOfFile, state);
            if (!reader.Read())
            {
                return StepResult.NeedMore;
            }

            switch (phase)
            {
                case Phase.Start:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException($"expected a JSON object (a List or a Node), got {reader.TokenType}", null, line, column);
                    }

                    phase = Phase.Root;
                    Commit(ref reader);
                    continue;
                case Phase.Root:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        phase = Phase.Done;
                        Commit(ref reader);
                        return StepResult.End;
                    }

                    var name = reader.GetString();
                    if (!reader.Read())
                    {
                        return StepResult.NeedMore;
                    }

                    if (name == "items" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        HasItems = true;
                        phase = Phase.Items;
                    }
                    else if (name == "kind" && reader.TokenType == JsonTokenType.String)
                    {
                        Kind = reader.GetString();
                    }
                    else if (!reader.TrySkip())
                    {
                        return StepResult.NeedMore;
                    }

                    Commit(ref reader);
                    continue;
                default:
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        phase = Phase.Root;
                        Commit(ref reader);
                        continue;
                    }

                    token = reader.TokenType;
                    var itemStart = (int)reader.TokenStartIndex;
                    if (token != JsonTokenType.StartObject)
                    {
                        if (!reader.TrySkip())
                        {
                            return StepResult.NeedMore;
                        }

                        Commit(ref reader);
                        return StepResult.NotAnObject;
                    }

                    // One pass: the fields are read while the reader looks for the item's end; false means the buffer ended first.
                    if (!fields.TryRead(ref reader))
                    {
                        return StepResult.NeedMore;
                    }

                    var (itemLine, itemColumn) = PositionOf(offset + itemStart);
                    var bytes = buffer.AsMemory(offset + itemStart, (int)reader.BytesConsumed - itemStart);
                    var repeated = new List<(string Path, string Message, long Start)>();
                    duplicateKeys.Find(bytes.Span, repeated);
                    IReadOnlyList<(string, string, long, long)> bad = fields.Problems.Count == 0 && repeated.Count == 0 ? [] : fields.Problems
                        .Concat(repeated.Select(problem => (problem.Path, problem.Message, Start: itemStart + problem.Start)))
                        .Select(problem =>
                        {
                            var (valueLine, valueColumn) = PositionOf(offset + (int)problem.Start);
                            return (problem.Path, problem.Message, valueLine, valueColumn);
                        }).ToList();
                    Commit(ref reader);
                    item = new Item(bytes, itemLine, itemColumn) { Problems = bad };
                    return StepResult.Item;
            }
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        state = reader.CurrentState;
        Advance((int)reader.BytesConsumed);
    }

    /// <summary>Moves the offset forward by <paramref name="bytes"/>, counting lines and the column for positions.</summary>
    private void Advance(int bytes)
    {
        var consumed = buffer.AsSpan(offset, bytes);
        var lastNewline = consumed.LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            line += consumed.Count((byte)'\n');
            column = bytes - lastNewline - 1;
        }
        else
        {
            column += bytes;
        }

        offset += bytes;
    }

    private (long Line, long Column) PositionOf(int absolute)
    {
        var before = buffer.AsSpan(offset, absolute - offset);
        var lastNewline = before.LastIndexOf((byte)'\n');
        return lastNewline >= 0
            ? (line + before.Count((byte)'\n') + 1, before.Length - lastNewline)
            : (line + 1, column + before.Length + 1);
    }

    /// <summary>Keeps the unread bytes, grows the buffer when it is full, reads more; false at the end of the file.</summary>
    private bool Fill()
    {
        if (endOfFile)
        {
            return false;
        }

        if (offset > 0)
        {
            Buffer.BlockCopy(buffer, offset, buffer, 0, count - offset);
            count -= offset;
            offset = 0;
        }

        if (count == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, count, buffer.Length - count);
        if (read == 0)
        {
            endOfFile = true;
        }

        count += read;
        return true;
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

    private static string Message(Exception error)
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
