using System.Globalization;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// One parsed <c>NodeSelectorRequirement</c> of a <c>matchExpressions</c> or <c>matchFields</c> list, matched the way
/// k8s.io/apimachinery <c>labels.Requirement.Matches</c> and k8s.io/component-helpers
/// <c>scheduling/corev1/nodeaffinity</c> (<c>nodeSelectorRequirementsAsSelector</c>, <c>…AsFieldSelector</c>) do:
/// <list type="bullet">
/// <item><c>In</c>: the label exists and its value is one of the values; <c>NotIn</c>: the label is absent or its value is none of them.</item>
/// <item><c>Exists</c> / <c>DoesNotExist</c>: the label is present / absent (no values allowed).</item>
/// <item><c>Gt</c> / <c>Lt</c>: exactly one value, an integer (int64); the label exists, parses as an integer and is greater / less.</item>
/// <item>Every requirement: as <c>labels.NewRequirement</c> (k8s.io/apimachinery <c>pkg/labels/selector.go</c>) checks, the key is a
/// valid label key and every value a valid label value (so <c>foo bar</c>, <c>-1</c> and <c>+149</c> fail, even for Gt/Lt where
/// <c>strconv.ParseInt</c> would read <c>-1</c> and <c>+149</c>).</item>
/// <item>matchFields: only <c>In</c> and <c>NotIn</c> with exactly one value; the only node field is <c>metadata.name</c>.</item>
/// </list>
/// A requirement that breaks these rules is a parse error: its whole term matches no node (the scheduler's
/// <c>LazyErrorNodeSelector</c>); other terms still can.
/// </summary>
internal sealed class NodeSelectorRequirementMatch
{
    private readonly string key;
    private readonly string op;
    private readonly string[] values;
    private readonly long number;
    private readonly bool field;

    private NodeSelectorRequirementMatch(string key, string op, string[] values, long number, bool field)
    {
        this.key = key;
        this.op = op;
        this.values = values;
        this.number = number;
        this.field = field;
    }

    /// <summary>The label key (or field name) the requirement reads.</summary>
    public string Key => key;

    /// <summary>Parses <paramref name="requirement"/>; returns null and sets <paramref name="error"/> when it is invalid.</summary>
    public static NodeSelectorRequirementMatch? Parse(V1NodeSelectorRequirement requirement, bool field, out string? error)
    {
        error = null;
        var values = requirement.Values?.ToArray() ?? [];
        var op = requirement.OperatorProperty ?? "";
        var key = requirement.Key ?? "";
        if (field)
        {
            if (values.Length != 1)
            {
                error = $"matchFields {key} {op} needs exactly one value, got {values.Length}";
            }
            else if (op is not ("In" or "NotIn"))
            {
                error = $"'{op}' is not a valid node field selector operator (In, NotIn)";
            }

            return error is null ? new NodeSelectorRequirementMatch(key, op, values, 0, true) : null;
        }

        if (key.Length == 0)
        {
            error = "a matchExpressions key must not be empty";
            return null;
        }

        // labels.NewRequirement: the key must be a valid label key and every value a valid label value, for every operator.
        if (Validation.KubernetesNames.QualifiedName(key) is { } keyError)
        {
            error = $"key '{key}' {keyError}";
            return null;
        }

        if (values.Select(value => (value, problem: Validation.KubernetesNames.LabelValue(value))).FirstOrDefault(pair => pair.problem is not null) is { problem: { } valueError } bad)
        {
            error = $"{key} {op} value '{bad.value}' {valueError}";
            return null;
        }

        long number = 0;
        switch (op)
        {
            case "In" or "NotIn":
                if (values.Length == 0)
                {
                    error = $"{key} {op} needs at least one value";
                }

                break;
            case "Exists" or "DoesNotExist":
                if (values.Length != 0)
                {
                    error = $"{key} {op} takes no values";
                }

                break;
            case "Gt" or "Lt":
                if (values.Length != 1 || !TryParseInteger(values[0], out number))
                {
                    error = $"{key} {op} needs exactly one integer value, got [{string.Join(", ", values)}]";
                }

                break;
            default:
                error = $"'{op}' is not a valid node selector operator (In, NotIn, Exists, DoesNotExist, Gt, Lt)";
                break;
        }

        return error is null ? new NodeSelectorRequirementMatch(key, op, values, number, false) : null;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is an integer as Go's <c>strconv.ParseInt(text, 10, 64)</c> reads it (what
    /// <c>labels.NewRequirement</c> calls for Gt/Lt): an optional <c>+</c> or <c>-</c>, then decimal digits, within int64; no
    /// spaces, no underscores (base 10), no decimal point.
    /// </summary>
    public static bool IsInteger(string? text) => TryParseInteger(text, out _);

    private static bool TryParseInteger(string? text, out long number) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    /// <summary>True when the node's labels (or, for matchFields, its name) satisfy the requirement.</summary>
    public bool Matches(IDictionary<string, string>? labels, string nodeName)
    {
        if (field)
        {
            var actual = key == "metadata.name" ? nodeName : "";
            return op == "In" ? actual == values[0] : actual != values[0];
        }

        string? value = null;
        var has = labels is not null && labels.TryGetValue(key, out value);
        switch (op)
        {
            case "In":
                return has && Array.IndexOf(values, value) >= 0;
            case "NotIn":
                return !has || Array.IndexOf(values, value) < 0;
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
            default:
                if (!has || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual))
                {
                    return false;
                }

                return op == "Gt" ? actual > number : actual < number;
        }
    }

    /// <summary>Why the requirement fails on the node, e.g. <c>kubernetes.io/arch In [amd64] (node has arm64)</c>.</summary>
    public string Explain(IDictionary<string, string>? labels, string nodeName)
    {
        var text = values.Length == 0 ? $"{key} {op}" : $"{key} {op} [{string.Join(", ", values)}]";
        if (field)
        {
            return $"matchFields {text} (node is {nodeName})";
        }

        return labels is not null && labels.TryGetValue(key, out var value)
            ? $"{text} (node has {key}={value})"
            : $"{text} (node has no label {key})";
    }
}
