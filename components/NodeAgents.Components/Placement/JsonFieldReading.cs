using System.Text;
using System.Text.Json;

namespace NodeAgents.Placement;

/// <summary>
/// Steps shared by the single-pass field readers of inventory items (<see cref="NodeFields"/>, <see cref="PodFields"/>):
/// each returns false when the buffer ends before the value does (the caller refills and reads the item again from its
/// start), and skips what it does not read without decoding it.
/// </summary>
internal static class JsonFieldReading
{
    /// <summary>Reads one property, the reader on its name; false when the buffer ends first.</summary>
    public delegate bool PropertyReader(ref Utf8JsonReader reader);

    public static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString();
            return true;
        }

        return reader.TrySkip();
    }

    /// <summary>Reads the value after a property name as an object, calling <paramref name="property"/> on each property name.</summary>
    public static bool TryReadObject(ref Utf8JsonReader reader, PropertyReader property)
    {
        if (!reader.Read())
        {
            return false;
        }

        return reader.TokenType != JsonTokenType.StartObject ? reader.TrySkip() : TryReadProperties(ref reader, property);
    }

    /// <summary>With the reader on a StartObject: calls <paramref name="property"/> on each property name, up to the EndObject.</summary>
    public static bool TryReadProperties(ref Utf8JsonReader reader, PropertyReader property)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (!property(ref reader))
            {
                return false;
            }
        }
    }

    public static bool TrySkipValue(ref Utf8JsonReader reader) => reader.Read() && reader.TrySkip();

    /// <summary>Strings that repeat across nodes (label values, role keys), decoded once.</summary>
    public sealed class StringPool
    {
        private readonly HashSet<string> strings = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

        public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 256)
            {
                return reader.GetString()!;
            }

            var raw = reader.ValueSpan;
            Span<char> chars = stackalloc char[raw.Length];
            var text = chars[..Encoding.UTF8.GetChars(raw, chars)];
            if (lookup.TryGetValue(text, out var known))
            {
                return known;
            }

            var created = new string(text);
            if (strings.Count < 100_000)
            {
                strings.Add(created);
            }

            return created;
        }
    }
}
