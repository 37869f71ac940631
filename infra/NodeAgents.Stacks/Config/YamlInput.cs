using NodeAgents.Input;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>Loads YAML (or JSON, a subset of it) into YamlDotNet's node tree, keeping positions for messages.</summary>
public static class YamlInput
{
    /// <summary>
    /// Parses <paramref name="text"/>; returns the root node (null for an empty document) or adds a problem with the
    /// parser's line and column to <paramref name="problems"/>.
    /// </summary>
    public static YamlNode? Parse(string text, string file, ICollection<InputProblem> problems)
    {
        if (!YamlLimits.Check(text, file, problems))
        {
            return null;
        }

        var before = problems.Count;
        YamlAnchors.CheckForwardAliases(text, file, problems);
        if (problems.Count > before)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1)
            {
                problems.Add(new InputProblem(file, "", "expected one YAML document, found " + stream.Documents.Count, stream.Documents[1].RootNode.Start.Line, stream.Documents[1].RootNode.Start.Column));
                return null;
            }

            if (stream.Documents.Count == 0)
            {
                return null;
            }

            // Merge keys (<<: *base) are applied as the Pulumi CLI's yaml.v3 applies them.
            YamlMerge.Apply(stream.Documents[0].RootNode, file, problems);
            return problems.Count > before ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException error)
        {
            var message = (error.InnerException?.Message ?? error.Message).Trim();
            problems.Add(new InputProblem(file, "", "YAML syntax error: " + TrimPosition(message), error.Start.Line, error.Start.Column));
            return null;
        }
    }

    /// <summary>True for a scalar written as YAML's null (<c>~</c>, <c>null</c> or nothing, unquoted).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar &&
        (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>A short word for a node's shape, for messages: <c>a mapping</c>, <c>a list</c>, <c>a scalar</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "null",
        YamlScalarNode { Value.Length: > 60 } scalar => $"'{scalar.Value[..60]}…' ({scalar.Value.Length:N0} characters)",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    private static string TrimPosition(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): " to its messages; the position is reported separately.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && marker > 0 ? message[(marker + 3)..] : message;
    }
}
