using System.Text.Json;
using NodeAgents.Input;

namespace NodeAgents.Placement;

/// <summary>
/// Reads the items of a JSON <c>List</c> (or <c>NodeList</c>, <c>PodList</c>) one at a time from a stream, so an inventory
/// never sits in memory as a whole: System.Text.Json's <see cref="Utf8JsonReader"/> walks the document in chunks and, in
/// the same single pass, the item's <typeparamref name="TFields"/> pick out what the plan needs. The buffer grows only to
/// the size of the largest item, at most <see cref="MaxItemBytes"/>. Positions are absolute 1-based lines and columns of
/// the file. Optionally a key repeated in one object of an item is a problem at the repeated key (<see cref="JsonDuplicateKeys"/>).
/// </summary>
/// <typeparam name="TFields">What is read of each item; one instance is reused for every item.</typeparam>
internal sealed class JsonListStream<TFields> : IDisposable
    where TFields : JsonItemFields
{
    /// <summary>The largest item read, in bytes (64 MiB; a real Node or Pod is a few KiB), so a broken file cannot grow the buffer without end.</summary>
    public const int MaxItemBytes = 64 << 20;

    private readonly Stream stream;
    private readonly string expected;
    private readonly JsonDuplicateKeys? duplicateKeys;
    private byte[] buffer = new byte[1 << 18];
    private int offset;
    private int count;
    private bool endOfFile;
    private JsonReaderState state;
    private long line;
    private long column;
    private Phase phase = Phase.Start;

    /// <summary>Opens <paramref name="file"/> for reading.</summary>
    /// <param name="file">The file.</param>
    /// <param name="fields">What is read of each item.</param>
    /// <param name="expected">What the root should be, for the message when it is not an object (e.g. <c>a List or a Node</c>).</param>
    /// <param name="findDuplicateKeys">Whether a repeated key in an item is a problem (a second pass over each item's bytes).</param>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public JsonListStream(string file, TFields fields, string expected, bool findDuplicateKeys)
    {
        stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        Fields = fields;
        this.expected = expected;
        duplicateKeys = findDuplicateKeys ? new JsonDuplicateKeys() : null;
    }

    private enum Phase
    {
        Start,
        Root,
        Items,
        Done,
    }

    private enum StepResult
    {
        Item,
        NotAnObject,
        NeedMore,
        End,
    }

    /// <summary>The fields of the item last returned by <see cref="Next"/>.</summary>
    public TFields Fields { get; }

    /// <summary>The root's <c>kind</c>, known once the whole root has been read.</summary>
    public string? Kind { get; private set; }

    /// <summary>True when the root has an <c>items</c> array.</summary>
    public bool HasItems { get; private set; }

    /// <summary>The 0-based line of the reader, for a <see cref="JsonException"/> that carries none.</summary>
    public long Line => line;

    /// <summary>The 0-based column of the reader, for a <see cref="JsonException"/> that carries none.</summary>
    public long Column => column;

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();

    /// <summary>
    /// The next item, or null after the root; an item that is not an object is reported to <paramref name="problems"/>
    /// (with <paramref name="notAnObject"/>, e.g. <c>a Node object</c>) and returned with empty bytes.
    /// </summary>
    /// <exception cref="JsonException">The file is not valid JSON, ends early, or an item is larger than <see cref="MaxItemBytes"/>.</exception>
    public JsonListItem? Next(string display, List<InputProblem> problems, int index, string notAnObject)
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
                    problems.Add(new InputProblem(display, $"items[{index}]", $"expected {notAnObject}, got {token}"));
                    return new JsonListItem(default, 0, 0);
                default:
                    return item;
            }
        }
    }

    /// <summary>Advances over whole units only (a root property with its value, an item); nothing is committed on NeedMore.</summary>
    private StepResult Step(out JsonListItem? item, out JsonTokenType token)
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
                        throw new JsonException($"expected a JSON object ({expected}), got {reader.TokenType}", null, line, column);
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
                    if (!Fields.TryRead(ref reader))
                    {
                        return StepResult.NeedMore;
                    }

                    var (itemLine, itemColumn) = PositionOf(offset + itemStart);
                    var bytes = buffer.AsMemory(offset + itemStart, (int)reader.BytesConsumed - itemStart);
                    List<(string Path, string Message, long Start)>? repeated = null;
                    if (duplicateKeys is not null)
                    {
                        repeated = [];
                        duplicateKeys.Find(bytes.Span, repeated);
                    }

                    IReadOnlyList<(string, string, long, long)> bad = Fields.Problems.Count == 0 && (repeated is null || repeated.Count == 0) ? [] : Fields.Problems
                        .Concat((repeated ?? []).Select(problem => (problem.Path, problem.Message, Start: itemStart + problem.Start)))
                        .Select(problem =>
                        {
                            var (valueLine, valueColumn) = PositionOf(offset + (int)problem.Start);
                            return (problem.Path, problem.Message, valueLine, valueColumn);
                        }).ToList();
                    Commit(ref reader);
                    item = new JsonListItem(bytes, itemLine, itemColumn) { Problems = bad };
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
    /// <exception cref="JsonException">One item needs more than <see cref="MaxItemBytes"/>.</exception>
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
            if (buffer.Length >= MaxItemBytes)
            {
                throw new JsonException($"an item is larger than {MaxItemBytes:N0} bytes, the most read for one item", null, line, column);
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxItemBytes));
        }

        var read = stream.Read(buffer, count, buffer.Length - count);
        if (read == 0)
        {
            endOfFile = true;
        }

        count += read;
        return true;
    }
}

/// <summary>One item read by <see cref="JsonListStream{TFields}"/>: its bytes in the buffer (empty when it was not an object) and its position.</summary>
/// <param name="Bytes">The item's UTF-8 JSON, valid until the stream moves on.</param>
/// <param name="Line">The 1-based line where the item starts.</param>
/// <param name="Column">The 1-based column where the item starts.</param>
internal sealed record JsonListItem(ReadOnlyMemory<byte> Bytes, long Line, long Column)
{
    /// <summary>The bad values of the item with their absolute positions.</summary>
    public IReadOnlyList<(string Path, string Message, long Line, long Column)> Problems { get; init; } = [];
}
