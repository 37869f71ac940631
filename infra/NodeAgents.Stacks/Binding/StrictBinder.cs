using NodeAgents.Input;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;
using NodeAgents.Model;
using NodeAgents.Stacks.Config;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Binding;

/// <summary>
/// Binds a YAML/JSON node tree onto a .NET type strictly: unknown keys (with the closest valid key suggested), wrong
/// types, invalid quantities, percentages and image references are all collected as <see cref="InputProblem"/>s with
/// their key path and position, instead of stopping at the first. Keys are the properties' JSON names
/// (<c>[JsonPropertyName]</c> for <c>k8s.Models</c> types, camelCase otherwise).
/// </summary>
public sealed partial class StrictBinder
{
    /// <summary>The message for a key written without a value (YAML null).</summary>
    public const string MissingValue = "missing value; give a value (\"\" for an empty string), or remove the key to keep the default";

    private readonly string file;
    private readonly List<InputProblem> problems;

    /// <summary>Creates a binder that reports problems in <paramref name="file"/> into <paramref name="problems"/>.</summary>
    public StrictBinder(string file, List<InputProblem> problems)
    {
        this.file = file;
        this.problems = problems;
    }

    /// <summary>Binds <paramref name="node"/> at <paramref name="path"/>; returns null (and adds problems) when it does not fit.</summary>
    /// <param name="node">The node to bind.</param>
    /// <param name="path">The key path of the node, for messages.</param>
    /// <param name="ignoredKeys">Mapping keys the caller handles itself (top level only).</param>
    public T? Bind<T>(YamlNode node, string path, IReadOnlyCollection<string>? ignoredKeys = null)
        where T : class => (T?)BindValue(typeof(T), node, path, ignoredKeys);

    /// <summary>Binds <paramref name="node"/> onto <paramref name="type"/>, as <see cref="Bind{T}"/> does, for a type known only at run time.</summary>
    public object? Bind(Type type, YamlNode node, string path, IReadOnlyCollection<string>? ignoredKeys = null) =>
        BindValue(type, node, path, ignoredKeys);

    /// <summary>Adds a problem at <paramref name="node"/>.</summary>
    public void Report(YamlNode node, string path, string message) =>
        problems.Add(new InputProblem(file, path, message, node.Start.Line, node.Start.Column));

    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(candidate => (candidate, distance: Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .OrderBy(pair => pair.distance)
            .ThenBy(pair => pair.candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.candidate is not null && best.distance <= Math.Max(2, key.Length / 3) ? best.candidate : null;
    }

    private object? BindValue(Type type, YamlNode node, string path, IReadOnlyCollection<string>? ignoredKeys = null)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (YamlInput.IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode secure && secure.Children.Count == 1 && secure.Children.Keys.Single() is YamlScalarNode { Value: "secure" })
        {
            Report(node, path, "a secure (encrypted) value is not accepted here; secrets go in their own top-level key");
            return null;
        }

        if (target == typeof(string) || target == typeof(bool) || target == typeof(int) || target == typeof(long) ||
            target == typeof(double) || target.IsEnum || target == typeof(IntOrString) || target == typeof(ResourceQuantity))
        {
            return node is YamlScalarNode scalar ? BindScalar(target, scalar, path) : Mismatch(node, path, ScalarWord(target));
        }

        if (target == typeof(ImageReference))
        {
            return BindImage(node, path);
        }

        if (ListElementType(target) is { } elementType)
        {
            if (node is not YamlSequenceNode sequence)
            {
                return Mismatch(node, path, "a list");
            }

            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            var index = 0;
            foreach (var item in sequence.Children)
            {
                if (YamlInput.IsNull(item))
                {
                    Report(item, $"{path}[{index++}]", "missing list item; remove the empty '-' entry");
                    continue;
                }

                var value = BindValue(elementType, item, $"{path}[{index++}]");
                if (value is not null)
                {
                    list.Add(value);
                }
            }

            return list;
        }

        if (DictionaryValueType(target) is { } valueType)
        {
            if (node is not YamlMappingNode mapping)
            {
                return Mismatch(node, path, "a mapping");
            }

            var dictionary = (IDictionary)Activator.CreateInstance(typeof(SortedDictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                if (KeyOf(keyNode, path) is not { } key)
                {
                    continue;
                }

                if (YamlInput.IsNull(valueNode))
                {
                    Report(keyNode, $"{path}.{key}", MissingValue);
                    continue;
                }

                var value = BindValue(valueType, valueNode, $"{path}.{key}");
                if (value is not null)
                {
                    dictionary[key] = value;
                }
            }

            return dictionary;
        }

        return BindObject(target, node, path, ignoredKeys);
    }

    private object? BindObject(Type target, YamlNode node, string path, IReadOnlyCollection<string>? ignoredKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            return Mismatch(node, path, "a mapping");
        }

        var properties = Properties(target);
        var instance = Activator.CreateInstance(target)!;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (KeyOf(keyNode, path) is not { } key)
            {
                continue;
            }

            if (ignoredKeys?.Contains(key) == true)
            {
                continue;
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!properties.TryGetValue(key, out var property))
            {
                var suggestion = Closest(key, properties.Keys);
                Report(keyNode, childPath, "unknown key" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") +
                    $" (valid keys: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }

            if (YamlInput.IsNull(valueNode))
            {
                Report(keyNode, childPath, MissingValue);
                continue;
            }

            var value = BindValue(property.PropertyType, valueNode, childPath);
            if (value is not null)
            {
                property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private object? BindScalar(Type target, YamlScalarNode scalar, string path)
    {
        var text = scalar.Value ?? "";
        var quoted = scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted;
        if (target == typeof(string))
        {
            return text;
        }

        if (target == typeof(bool))
        {
            return bool.TryParse(text, out var flag) && !quoted ? flag : Mismatch(scalar, path, "true or false");
        }

        if (target == typeof(int))
        {
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : Mismatch(scalar, path, "a whole number");
        }

        if (target == typeof(long))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : Mismatch(scalar, path, "a whole number");
        }

        if (target == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : Mismatch(scalar, path, "a finite number");
        }

        if (target.IsEnum)
        {
            var names = Enum.GetNames(target).Select(name => char.ToLowerInvariant(name[0]) + name[1..]).ToList();
            var match = Enum.GetNames(target).FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            return match is not null ? Enum.Parse(target, match) : Mismatch(scalar, path, "one of " + string.Join(", ", names));
        }

        if (target == typeof(IntOrString))
        {
            if (!quoted && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return (IntOrString)number;
            }

            if (quoted && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return Mismatch(scalar, path, $"a non-negative whole number or a percentage such as 10% (write {text} without quotes: a quoted number is a string, which the API reads as neither)");
            }

            return PercentPattern().IsMatch(text) ? (IntOrString)text : Mismatch(scalar, path, "a non-negative whole number or a percentage such as 10%");
        }

        if (text.TrimStart().StartsWith('-'))
        {
            return Mismatch(scalar, path, "a non-negative Kubernetes quantity (requests and limits cannot be negative)");
        }

        if (!NodeAgents.Placement.QuantityRules.IsQuantity(text))
        {
            return Mismatch(scalar, path, "a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi");
        }

        try
        {
            var quantity = new ResourceQuantity(text);
            var resource = path[(path.LastIndexOf('.') + 1)..];
            return NodeAgents.Placement.QuantityRules.Problem(resource, quantity) is { } range
                ? Mismatch(scalar, path, $"a quantity in range ({range})")
                : quantity;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException or ArithmeticException)
        {
            return Mismatch(scalar, path, "a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi");
        }
    }

    private ImageReference? BindImage(YamlNode node, string path)
    {
        IReadOnlyList<string> found;
        ImageReference? image = null;
        if (node is YamlScalarNode scalar)
        {
            found = ImageReference.Check(scalar.Value ?? "", out image);
        }
        else if (node is YamlMappingNode mapping)
        {
            var parts = new Dictionary<string, string?> { ["repository"] = null, ["tag"] = null, ["digest"] = null };
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                if (KeyOf(keyNode, path) is not { } key)
                {
                    continue;
                }

                if (!parts.ContainsKey(key))
                {
                    var suggestion = Closest(key, parts.Keys);
                    Report(keyNode, $"{path}.{key}", "unknown key" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + " (valid keys: digest, repository, tag)");
                }
                else if (valueNode is YamlScalarNode value)
                {
                    parts[key] = value.Value;
                }
                else
                {
                    Mismatch(valueNode, $"{path}.{key}", "a string");
                }
            }

            found = ImageReference.CheckParts(parts["repository"], parts["tag"], parts["digest"]);
            if (found.Count == 0)
            {
                image = new ImageReference(parts["repository"]!, parts["tag"], parts["digest"]);
            }
        }
        else
        {
            return (ImageReference?)Mismatch(node, path, "an image reference 'repository:tag[@digest]' or a mapping with repository, tag and digest");
        }

        foreach (var problem in found)
        {
            Report(node, path, problem);
        }

        return image;
    }

    /// <summary>A mapping key's text; a complex key (a list or mapping used as a key) is reported and yields null.</summary>
    private string? KeyOf(YamlNode keyNode, string path)
    {
        if (keyNode is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        Report(keyNode, path, $"keys must be plain strings, got {YamlInput.Describe(keyNode)} as a key");
        return null;
    }

    private object? Mismatch(YamlNode node, string path, string expected)
    {
        Report(node, path, $"expected {expected}, got {YamlInput.Describe(node)}");
        return null;
    }

    private static string ScalarWord(Type target) =>
        target == typeof(string) ? "a string" :
        target == typeof(bool) ? "true or false" :
        target.IsEnum ? "a single value" : "a single value (number or string)";

    private static Dictionary<string, PropertyInfo> Properties(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.CanWrite && property.GetIndexParameters().Length == 0)
        .ToDictionary(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..], StringComparer.Ordinal);

    private static Type? ListElementType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>) ||
               definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)) &&
               type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex PercentPattern();
}
