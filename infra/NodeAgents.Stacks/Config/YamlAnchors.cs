using NodeAgents.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodeAgents.Stacks.Config;

/// <summary>
/// Anchors and aliases as the Pulumi CLI's YAML library reads them: an alias must name an anchor defined earlier in the
/// document. gopkg.in/yaml.v3 v3.0.1 (<c>decode.go</c>) fails with <c>unknown anchor 'NAME' referenced</c> otherwise,
/// while YamlDotNet resolves such forward references; so they are rejected here, where the CLI would reject the file.
/// </summary>
public static class YamlAnchors
{
    /// <summary>
    /// Adds a problem, at its position, for every alias that names an anchor not defined before it, or one whose value it is
    /// inside of (a cycle).
    /// </summary>
    public static void CheckForwardAliases(string text, string file, ICollection<InputProblem> problems)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        // Collections still open, with their anchor (or null): an anchor is defined once its whole value is read.
        var open = new Stack<string?>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias when open.Contains(alias.Value.Value):
                        // yaml.v3 decode.go: "anchor '%s' value contains itself" (a cycle, which the binder could not walk).
                        problems.Add(new InputProblem(file, "", $"anchor '{alias.Value.Value}' value contains itself, which the Pulumi CLI's YAML reader rejects", alias.Start.Line, alias.Start.Column));
                        break;
                    case AnchorAlias alias when !defined.Contains(alias.Value.Value):
                        problems.Add(new InputProblem(file, "", $"unknown anchor '{alias.Value.Value}' referenced: the alias comes before its anchor, which the Pulumi CLI's YAML reader rejects; define &{alias.Value.Value} first", alias.Start.Line, alias.Start.Column));
                        break;
                    case MappingStart or SequenceStart:
                        var start = (NodeEvent)parser.Current;
                        open.Push(start.Anchor.IsEmpty ? null : start.Anchor.Value);
                        break;
                    case MappingEnd or SequenceEnd when open.Count > 0:
                        if (open.Pop() is { } finished)
                        {
                            defined.Add(finished);
                        }

                        break;
                    case Scalar { Anchor.IsEmpty: false } scalar:
                        defined.Add(scalar.Anchor.Value);
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // The loader reports the syntax error with its position.
        }
    }
}
