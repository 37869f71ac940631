using NodeAgents.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodeAgents.Stacks.Config;

/// <summary>
/// Bounds on the YAML and JSON the tool reads as config (stack files, <c>Pulumi.yaml</c>, the structured values Pulumi hands
/// over), checked before any node tree is built, so a hostile file ends in one clear problem instead of a stack overflow, a
/// multi-gigabyte allocation or an error message echoing megabytes: at most <see cref="MaxFileBytes"/> per file,
/// <see cref="MaxDepth"/> levels of nested mappings and lists, and <see cref="MaxScalarLength"/> characters per scalar.
/// The limits are far above any real stack: the repository's deepest value nests 6 levels, its longest scalar is a few
/// kilobytes (Falco local rules).
/// </summary>
public static class YamlLimits
{
    /// <summary>The largest config file read, in bytes (1 MiB).</summary>
    public const long MaxFileBytes = 1L << 20;

    /// <summary>The deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest scalar, in characters (256 KiB).</summary>
    public const int MaxScalarLength = 256 * 1024;

    /// <summary>
    /// Scans <paramref name="text"/> with YamlDotNet's event parser (iterative, no recursion) and adds one problem, at its
    /// position, for the first nesting deeper than <see cref="MaxDepth"/> and for each scalar longer than
    /// <see cref="MaxScalarLength"/>. Syntax errors are left to the loader, which reports them with their position.
    /// </summary>
    /// <returns>True when the text is within the limits.</returns>
    public static bool Check(string text, string file, ICollection<InputProblem> problems)
    {
        var before = problems.Count;
        var depth = 0;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        problems.Add(new InputProblem(file, "", $"nested more than {MaxDepth} levels deep; config values are not that deep", parser.Current.Start.Line, parser.Current.Start.Column));
                        return false;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case Scalar { Value.Length: > MaxScalarLength } scalar:
                        problems.Add(new InputProblem(file, "", $"a value of {scalar.Value.Length:N0} characters; at most {MaxScalarLength:N0} are read", scalar.Start.Line, scalar.Start.Column));
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // The loader reports the syntax error with its position.
        }

        return problems.Count == before;
    }
}
