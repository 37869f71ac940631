using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Canonical texts of the quantities of a streamed inventory (<see cref="ResourceQuantity.ToString"/>, e.g. <c>4</c> for
/// <c>4000m</c>), each distinct text parsed once by KubernetesClient's <see cref="ResourceQuantity"/> and looked up from the raw
/// UTF-8 value without allocating: thousands of nodes share a handful of quantity texts.
/// </summary>
internal sealed class QuantityCache
{
    private readonly Dictionary<string, string?> canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Dictionary<int, List<byte[]>> validLists = [];
    private int validListCount;

    public QuantityCache() => lookup = canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The canonical text of a quantity given as text, or null when it is not a quantity.</summary>
    public string? Canonical(string text)
    {
        if (!canonical.TryGetValue(text, out var result))
        {
            result = Parse(text);
            canonical[text] = result;
        }

        return result;
    }

    /// <summary>The canonical text of a JSON quantity (a string or a number), or null when it is not a quantity.</summary>
    public string? Canonical(JsonElement value)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (value.ValueKind == JsonValueKind.String)
        {
            raw = raw[1..^1];
        }

        if (raw.Length > 128 || raw.IndexOf((byte)'\\') >= 0)
        {
            return Canonical(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }

        Span<char> chars = stackalloc char[raw.Length];
        var length = Encoding.UTF8.GetChars(raw, chars);
        return lookup.TryGetValue(chars[..length], out var result) ? result : Canonical(new string(chars[..length]));
    }

    /// <summary>True when this exact resource list (raw JSON bytes) was checked before and every value was a quantity.</summary>
    public bool IsKnownValidList(ReadOnlySpan<byte> raw)
    {
        if (!validLists.TryGetValue(Hash(raw), out var known))
        {
            return false;
        }

        foreach (var bytes in known)
        {
            if (raw.SequenceEqual(bytes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Remembers a resource list whose values are all quantities (at most 4,096 distinct lists).</summary>
    public void AddValidList(ReadOnlySpan<byte> raw)
    {
        if (validListCount >= 4096)
        {
            return;
        }

        var hash = Hash(raw);
        if (!validLists.TryGetValue(hash, out var known))
        {
            validLists[hash] = known = [];
        }

        known.Add(raw.ToArray());
        validListCount++;
    }

    private static int Hash(ReadOnlySpan<byte> raw)
    {
        var hash = new HashCode();
        hash.AddBytes(raw);
        return hash.ToHashCode();
    }

    private static string? Parse(string text)
    {
        try
        {
            return new ResourceQuantity(text).ToString();
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }
}
