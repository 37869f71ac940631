using NodeAgents.Input;
using System.Collections;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
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
/// (<c>[JsonPropertyName]</c> for <c>k8s.Models</c> types, camelCase otherwise). No runtime reflection: the types'
/// members come from source-generated metadata (<see cref="BindingMetadata"/>), so the binder works under trimming and
/// Native AOT; <see cref="Bind{T}"/> takes the option types of <see cref="BindingMetadata.Roots"/> and the types they reach.
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

        if (IsScalar(target))
        {
            return node is YamlScalarNode scalar ? BindScalar(target, scalar, path) : Mismatch(node, path, ScalarWord(target));
        }

        if (target != typeof(ImageReference) && BindingMetadata.Of(target).Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.None)
        {
            // A value type the stack config never sets (e.g. a timestamp deep inside a Kubernetes type).
            Report(node, path, "this field cannot be set in stack config");
            return null;
        }

        if (target == typeof(ImageReference))
        {
            return BindImage(node, path);
        }

        var info = BindingMetadata.Of(target);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
        {
            if (node is not YamlSequenceNode sequence)
            {
                return Mismatch(node, path, "a list");
            }

            var list = BindingMetadata.CreateList(elementType);
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

        if (info.Kind == JsonTypeInfoKind.Dictionary && info.KeyType == typeof(string) && info.ElementType is { } valueType)
        {
            if (node is not YamlMappingNode mapping)
            {
                return Mismatch(node, path, "a mapping");
            }

            var dictionary = BindingMetadata.CreateDictionary(valueType);
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

        return info.Kind == JsonTypeInfoKind.Object
            ? BindObject(info, node, path, ignoredKeys)
            : throw new InvalidOperationException($"the binder cannot bind {target} ({info.Kind})");
    }

    private object? BindObject(JsonTypeInfo info, YamlNode node, string path, IReadOnlyCollection<string>? ignoredKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            return Mismatch(node, path, "a mapping");
        }

        var properties = BindingMetadata.Properties(info);
        var instance = BindingMetadata.Create(info);
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
                instance = BindingMetadata.Set(info, property, instance, value);
            }
        }

        return instance;
    }

    /// <summary>Whether the binder reads <paramref name="type"/> (nullable or not) from one scalar rather than from its members.</summary>
    internal static bool IsScalar(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) || target == typeof(bool) || target == typeof(int) || target == typeof(long) ||
               target == typeof(double) || target.IsEnum || target == typeof(IntOrString) || target == typeof(ResourceQuantity);
    }

    /// <summary>
    /// The string the Pulumi program receives for <paramref name="scalar"/>, or null (and a problem) when the Pulumi CLI's
    /// typing would hand it something else than what is written (<see cref="PulumiTyping.StringProblem"/>).
    /// </summary>
    public string? Text(YamlScalarNode scalar, string path)
    {
        if (PulumiTyping.StringProblem(scalar) is { } problem)
        {
            Report(scalar, path, problem);
            return null;
        }

        return scalar.Value ?? "";
    }

    /// <summary>
    /// Why a scalar meant as a boolean is not one to the Pulumi CLI: a quoted <c>"true"</c> is a string, and yaml.v3 reads
    /// <c>yes</c>, <c>no</c>, <c>on</c> and <c>off</c> as strings (resolve.go); empty otherwise.
    /// </summary>
    public static string BooleanHint(YamlNode node) => node switch
    {
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted, Value: "true" or "false" } quoted
            => $" (got the string '{quoted.Value}'; remove the quotes)",
        YamlScalarNode scalar when PulumiTyping.Read(scalar).Kind == PulumiScalarKind.String && (scalar.Value ?? "").ToLowerInvariant() is "yes" or "no" or "on" or "off" or "y" or "n"
            => " (the Pulumi CLI reads yes, no, on and off as strings; write true or false)",
        _ => "",
    };

    private object? BindScalar(Type target, YamlScalarNode scalar, string path)
    {
        if (target == typeof(string))
        {
            return Text(scalar, path);
        }

        // Numbers, booleans and quantities bind the value the Pulumi CLI hands the program (0x1F is 31, 1e3 is 1000, True
        // is true), so render and pulumi up bind the same.
        var typed = PulumiTyping.Read(scalar);
        if (typed.Unrepresentable)
        {
            return Mismatch(scalar, path, "a finite number (the Pulumi CLI cannot hand .inf or .nan to the program)");
        }

        if (typed.Kind == PulumiScalarKind.Timestamp)
        {
            return Mismatch(scalar, path, $"{ScalarWord(target)} (the Pulumi CLI reads the unquoted {scalar.Value} as a timestamp)");
        }

        var text = typed.Text ?? "";
        var quoted = typed.Kind == PulumiScalarKind.String && scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted;
        if (target == typeof(bool))
        {
            return typed.Kind == PulumiScalarKind.Boolean ? text == "true" : Mismatch(scalar, path, "true or false" + BooleanHint(scalar));
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

        if (typed.Kind != PulumiScalarKind.String && text != scalar.Value && NodeAgents.Placement.QuantityRules.IsQuantity(scalar.Value ?? "")
            && NodeAgents.Placement.QuantityRules.IsQuantity(text) && !SameQuantity(scalar.Value!, text))
        {
            // e.g. 0777: Kubernetes reads 777, but the Pulumi CLI hands the program the octal 511.
            Report(scalar, path, $"the Pulumi CLI reads the unquoted {scalar.Value} as the number {text}, which is another quantity; quote it: \"{scalar.Value}\"");
            return null;
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

    /// <summary>True when both texts are the same amount, or either is out of the range compared here (the range check reports it).</summary>
    private static bool SameQuantity(string written, string handedOver)
    {
        try
        {
            return new ResourceQuantity(written).ToDecimal() == new ResourceQuantity(handedOver).ToDecimal();
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException or ArithmeticException)
        {
            return true;
        }
    }

    private ImageReference? BindImage(YamlNode node, string path)
    {
        IReadOnlyList<string> found;
        ImageReference? image = null;
        if (node is YamlScalarNode scalar)
        {
            if (Text(scalar, path) is not { } reference)
            {
                return null;
            }

            found = ImageReference.Check(reference, out image);
        }
        else if (node is YamlMappingNode mapping)
        {
            var parts = new Dictionary<string, string?> { ["repository"] = null, ["tag"] = null, ["digest"] = null };
            var unreadable = false;
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
                    parts[key] = Text(value, $"{path}.{key}");
                    unreadable |= parts[key] is null;
                }
                else
                {
                    Mismatch(valueNode, $"{path}.{key}", "a string");
                }
            }

            if (unreadable)
            {
                return null;
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
            // The Pulumi CLI turns a key it types as a number or boolean into text with Go's %v (3.10 → 3.1).
            var key = PulumiTyping.KeyText(scalar);
            if (key != (scalar.Value ?? ""))
            {
                Report(keyNode, path, $"the Pulumi CLI reads the unquoted key {scalar.Value} as '{key}'; quote it: \"{scalar.Value}\"");
                return null;
            }

            return key;
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
