using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Reads an <see cref="IntOrString"/> the way k8s.io/kubernetes pkg/apis/apps/validation ValidatePositiveIntOrPercent and
/// getIntOrPercentValue do: a whole number, or digits followed by '%'.
/// </summary>
internal static partial class IntOrPercent
{
    /// <summary>The numeric value (the number, or the percentage without '%'), or null when the text is neither.</summary>
    public static long? Value(IntOrString? value)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (PercentPattern().IsMatch(text))
        {
            return long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>True when the value is a percentage such as <c>10%</c>.</summary>
    public static bool IsPercent(IntOrString? value) => value?.Value is { } text && PercentPattern().IsMatch(text);

    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex PercentPattern();
}
