using System.Text;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Canonical texts of the quantities of a streamed inventory (<see cref="ResourceQuantity.ToString"/>, e.g. <c>4</c> for
/// <c>4000m</c>), each distinct text parsed once by KubernetesClient's <see cref="ResourceQuantity"/> and looked up from the raw
/// UTF-8 value without allocating: thousands of nodes share a handful of quantity texts. Each text is also checked once
/// against <see cref="QuantityRules"/> for cpu, memory, pods and any other resource.
/// </summary>
internal sealed class QuantityCache
{
    private readonly Dictionary<string, Entry> canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public QuantityCache() => lookup = canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A parsed text: its canonical form (null when it is not a quantity), its problem per resource index, and its value in
    /// millis (CPU in millicores) and in units (memory in bytes), rounded up and clamped to 0..2^63 - 1 as
    /// <see cref="ResourceAmounts.From"/> counts them (0 when it is not a quantity).
    /// </summary>
    public sealed record Entry(string? Canonical, string?[] Problems, long MilliValue = 0, long Value = 0);

    /// <summary>The entry of a quantity given as text.</summary>
    public Entry Canonical(string text)
    {
        if (!canonical.TryGetValue(text, out var result))
        {
            result = Parse(text);
            canonical[text] = result;
        }

        return result;
    }

    /// <summary>The entry of a quantity given as raw UTF-8 (unescaped).</summary>
    public Entry Canonical(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 128)
        {
            return Canonical(Encoding.UTF8.GetString(utf8));
        }

        Span<char> chars = stackalloc char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return lookup.TryGetValue(chars[..length], out var result) ? result : Canonical(new string(chars[..length]));
    }

    private static Entry Parse(string text)
    {
        string?[] problems = [.. QuantityRules.Resources.Select(resource => QuantityRules.Problem(resource, text))];
        if (!QuantityRules.IsQuantity(text))
        {
            return new Entry(null, problems);
        }

        try
        {
            var quantity = new ResourceQuantity(text);
            return new Entry(quantity.ToString(), problems, ResourceAmounts.Scaled(quantity, 1000), ResourceAmounts.Scaled(quantity, 1));
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException or ArithmeticException)
        {
            return new Entry(null, problems);
        }
    }
}
