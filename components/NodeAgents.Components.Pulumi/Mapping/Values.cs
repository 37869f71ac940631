using System.Globalization;
using k8s.Models;
using Pulumi;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>
/// Value conversions shared by the mapping files: lists, maps, IntOrString and quantities.
/// A null source maps to a null input, which leaves the field out exactly as the client library's serializer does.
/// </summary>
internal static class Values
{
    /// <summary>Maps each item; null stays null (the field is omitted), an empty list stays empty.</summary>
    public static InputList<T> List<TSource, T>(IEnumerable<TSource>? items, Func<TSource, T> map)
    {
        if (items is null)
        {
            return null!;
        }

        var list = new InputList<T>();
        foreach (var item in items)
        {
            list.Add(map(item));
        }

        return list;
    }

    /// <summary>A list of strings; null stays null.</summary>
    public static InputList<string> Strings(IEnumerable<string>? items) => List(items, item => item);

    /// <summary>A string map; null stays null.</summary>
    public static InputMap<string> Map(IEnumerable<KeyValuePair<string, string>>? map)
    {
        if (map is null)
        {
            return null!;
        }

        var result = new InputMap<string>();
        foreach (var (key, value) in map)
        {
            result.Add(key, value);
        }

        return result;
    }

    /// <summary>Quantities (cpu, memory…) in their canonical text, as the client library serialises them; null stays null.</summary>
    public static InputMap<string> Quantities(IDictionary<string, ResourceQuantity>? map) =>
        Map(map?.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())));

    /// <summary>An IntOrString as the number when it is one (as the client library writes it), else the text; null stays null.</summary>
    public static InputUnion<int, string> IntOrString(IntOrString? value)
    {
        if (value?.Value is not { } text)
        {
            return null!;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : text;
    }

    /// <summary>A 64-bit API integer (e.g. seconds) as the provider's 32-bit input; null stays null.</summary>
    public static Input<int>? Int(long? value) => value is null ? null : checked((int)value.Value);

    /// <summary>A 32-bit API integer; null stays null.</summary>
    public static Input<int>? Int(int? value) => value is null ? null : value.Value;

    /// <summary>A string; null stays null.</summary>
    public static Input<string>? Text(string? value) => value is null ? null : (Input<string>)value;

    /// <summary>A boolean; null stays null.</summary>
    public static Input<bool>? Flag(bool? value) => value is null ? null : value.Value;

    /// <summary>Maps an optional object; null stays null.</summary>
    public static Input<T>? Optional<TSource, T>(TSource? source, Func<TSource, T> map)
        where TSource : class =>
        source is null ? null : map(source);
}
