using System.Text.RegularExpressions;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Parses the label-selector text of <c>kubectl get -l</c> (k8s.io/apimachinery <c>labels.Parse</c>) into a
/// <see cref="V1NodeSelectorTerm"/>, so that coverage policies match nodes with exactly the node-affinity rules:
/// requirements separated by commas are ANDed; <c>key=value</c> and <c>key==value</c> become <c>In</c>,
/// <c>key!=value</c> becomes <c>NotIn</c> (so it also matches nodes without the label, as in Kubernetes),
/// <c>key in (a,b)</c> / <c>key notin (a,b)</c> become <c>In</c> / <c>NotIn</c>, <c>key</c> / <c>!key</c> become
/// <c>Exists</c> / <c>DoesNotExist</c>, <c>key&gt;N</c> / <c>key&lt;N</c> become <c>Gt</c> / <c>Lt</c>.
/// <c>*</c> (this tool's addition) means every node.
/// </summary>
public static partial class LabelSelectorText
{
    /// <summary>The text that selects every node.</summary>
    public const string Everything = "*";

    /// <summary>Parses <paramref name="text"/>; returns null for <see cref="Everything"/>.</summary>
    /// <exception cref="FormatException">The text is empty or a requirement does not follow the syntax; the message says which.</exception>
    public static V1NodeSelectorTerm? Parse(string text)
    {
        if (text.Trim() == Everything)
        {
            return null;
        }

        var requirements = new List<V1NodeSelectorRequirement>();
        foreach (var part in Split(text))
        {
            var piece = part.Trim();
            Match match;
            if ((match = SetPattern().Match(piece)).Success)
            {
                var values = match.Groups["values"].Value.Split(',').Select(value => value.Trim()).ToList();
                if (values.Any(value => Validation.KubernetesNames.LabelValue(value) is not null))
                {
                    throw new FormatException($"'{piece}': every value in ( ) must be a label value");
                }

                requirements.Add(Requirement(match.Groups["key"].Value, match.Groups["op"].Value == "in" ? "In" : "NotIn", values));
            }
            else if ((match = ComparePattern().Match(piece)).Success)
            {
                var value = match.Groups["value"].Value;
                var op = match.Groups["op"].Value;
                requirements.Add(Requirement(match.Groups["key"].Value, op switch { "!=" => "NotIn", ">" => "Gt", "<" => "Lt", _ => "In" }, [value]));
                if (op is ">" or "<" && !long.TryParse(value, out _))
                {
                    throw new FormatException($"'{piece}': {op} needs an integer");
                }
            }
            else if ((match = ExistsPattern().Match(piece)).Success)
            {
                requirements.Add(Requirement(match.Groups["key"].Value, match.Groups["not"].Success ? "DoesNotExist" : "Exists", null));
            }
            else
            {
                throw new FormatException(piece.Length == 0
                    ? $"'{text}' has an empty requirement; use key=value, key!=value, key in (a,b), key notin (a,b), key, !key, or * for every node"
                    : $"'{piece}' is not a requirement; use key=value, key!=value, key in (a,b), key notin (a,b), key, !key, or * for every node");
            }
        }

        return new V1NodeSelectorTerm { MatchExpressions = requirements };
    }

    private static IEnumerable<string> Split(string text)
    {
        var depth = 0;
        var start = 0;
        for (var index = 0; index < text.Length; index++)
        {
            switch (text[index])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..index];
                    start = index + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static V1NodeSelectorRequirement Requirement(string key, string op, List<string>? values) =>
        new() { Key = key, OperatorProperty = op, Values = values };

    private const string Key = @"(?<key>([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)";

    [GeneratedRegex(@"^" + Key + @"\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"^" + Key + @"\s*(?<op>==|=|!=|>|<)\s*(?<value>([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)$")]
    private static partial Regex ComparePattern();

    [GeneratedRegex(@"^(?<not>!\s*)?" + Key + "$")]
    private static partial Regex ExistsPattern();

}
