using System.Text;
using System.Text.Json;

namespace NodeAgents.Placement;

/// <summary>
/// Finds keys that appear twice in one JSON object of an inventory item. System.Text.Json (like Go's encoding/json) would
/// keep the last value silently; YAML mappings reject a repeated key, and Kubernetes' strict decoding reports one too
/// (kubernetes/kubernetes vendor/sigs.k8s.io/json: <c>UnmarshalStrict</c> returns "duplicate field" errors), so a JSON
/// inventory is held to the same rule. Names are compared after unescaping (<c>"a"</c> and <c>"\u0061"</c> are the same
/// key); the scan allocates only for escaped names, paths of problems and objects with many keys.
/// </summary>
internal sealed class JsonDuplicateKeys
{
    /// <summary>Objects with more keys than this are checked with a hash set instead of pairwise.</summary>
    private const int PairwiseLimit = 32;

    private readonly List<Frame> frames = [];

    /// <summary>
    /// Adds one problem per repeated key of <paramref name="item"/> (one complete JSON value) to <paramref name="found"/>:
    /// the key path inside the item (e.g. <c>metadata.labels.zone</c>), the message and the byte offset of the repeated key's
    /// first character (after the quote, so a YAML inventory converted by <see cref="YamlAsJson"/> points at the YAML key).
    /// </summary>
    public void Find(ReadOnlySpan<byte> item, List<(string Path, string Message, long Start)> found)
    {
        var depth = 0;
        var reader = new Utf8JsonReader(item, isFinalBlock: true, state: default);
        Name pending = default;
        while (reader.Read())
        {
            var parent = depth == 0 ? null : frames[depth - 1];
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var name = Name.Of(item, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
                    if (parent!.Contains(item, name))
                    {
                        var text = name.Text(item);
                        found.Add((PathOf(item, depth, text), $"duplicate key '{text}'; a key may appear once in an object (as in YAML; Kubernetes' strict decoding reports a duplicate field too)", name.Start));
                    }

                    parent.Add(item, name);
                    pending = name;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (frames.Count == depth)
                    {
                        frames.Add(new Frame());
                    }

                    frames[depth].Reset(reader.TokenType == JsonTokenType.StartObject, parent is { IsObject: true } ? pending : default, parent is { IsObject: false } ? parent.Elements++ : -1);
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                default:
                    if (parent is { IsObject: false })
                    {
                        parent.Elements++;
                    }

                    break;
            }
        }
    }

    private string PathOf(ReadOnlySpan<byte> item, int depth, string key)
    {
        var path = new StringBuilder();
        for (var index = 1; index < depth; index++)
        {
            var frame = frames[index];
            _ = frame.Index >= 0 ? path.Append('[').Append(frame.Index).Append(']') : path.Append(path.Length == 0 ? "" : ".").Append(frame.Key.Text(item));
        }

        return path.Append(path.Length == 0 ? "" : ".").Append(key).ToString();
    }

    /// <summary>A property name's raw bytes in the item (without quotes), whether they hold escapes, and a hash of its text.</summary>
    private readonly record struct Name(int Start, int Length, bool Escaped, int Hash)
    {
        public static Name Of(ReadOnlySpan<byte> item, int start, int length, bool escaped)
        {
            var hash = new HashCode();
            hash.AddBytes(escaped ? Encoding.UTF8.GetBytes(new Name(start, length, true, 0).Text(item)) : item.Slice(start, length));
            return new Name(start, length, escaped, hash.ToHashCode());
        }

        public string Text(ReadOnlySpan<byte> item)
        {
            var raw = item.Slice(Start, Length);
            if (!Escaped)
            {
                return Encoding.UTF8.GetString(raw);
            }

            // Read the quoted name again as a JSON string to unescape it.
            var reader = new Utf8JsonReader(item.Slice(Start - 1, Length + 2), isFinalBlock: true, state: default);
            reader.Read();
            return reader.GetString()!;
        }

        public bool SameAs(ReadOnlySpan<byte> item, Name other) =>
            Hash != other.Hash ? false :
            !Escaped && !other.Escaped
                ? item.Slice(Start, Length).SequenceEqual(item.Slice(other.Start, other.Length))
                : Text(item) == other.Text(item);
    }

    /// <summary>One open object or array: the key or index it sits at, and the keys seen so far (objects).</summary>
    private sealed class Frame
    {
        private readonly List<Name> names = [];
        private HashSet<string>? many;

        public bool IsObject { get; private set; }

        public Name Key { get; private set; }

        public int Index { get; private set; }

        public int Elements { get; set; }

        public void Reset(bool isObject, Name key, int index)
        {
            (IsObject, Key, Index, Elements) = (isObject, key, index, 0);
            names.Clear();
            many = null;
        }

        public bool Contains(ReadOnlySpan<byte> item, Name name)
        {
            if (many is not null)
            {
                return many.Contains(name.Text(item));
            }

            foreach (var seen in names)
            {
                if (seen.SameAs(item, name))
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(ReadOnlySpan<byte> item, Name name)
        {
            if (many is not null)
            {
                many.Add(name.Text(item));
                return;
            }

            names.Add(name);
            if (names.Count > PairwiseLimit)
            {
                many = new HashSet<string>(StringComparer.Ordinal);
                foreach (var seen in names)
                {
                    many.Add(seen.Text(item));
                }
            }
        }
    }
}
