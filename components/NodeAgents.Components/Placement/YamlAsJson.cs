using NodeAgents.Input;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodeAgents.Placement;

/// <summary>
/// Turns a YAML inventory (<c>kubectl get nodes -o yaml</c>, <c>kubectl get pods -A -o yaml</c>) into the JSON that <see cref="JsonListStream{TFields}"/> streams, event by
/// event with YamlDotNet's <see cref="Parser"/>, so a YAML inventory of any size takes the same path as a JSON one (the
/// deserializer behind <c>KubernetesYaml</c> stops after 100,000 parsing events, about 200 real nodes). Every JSON token is
/// written at the line of its YAML event and, in block style, at its column (JSON whitespace is free; a key starts one
/// column early so its value keeps the YAML column), so problems found later point into the YAML file. Plain scalars resolve as in the YAML 1.2 core schema: <c>null</c>/<c>~</c>/empty, <c>true</c>/<c>false</c>, and
/// numbers written as JSON numbers; every other scalar is a string.
/// </summary>
internal static partial class YamlAsJson
{
    /// <summary>
    /// Writes <paramref name="yamlFile"/> as JSON to <paramref name="jsonFile"/>; false (with a problem added) when the YAML
    /// does not parse, holds no or more than one document, uses an alias, or has a key that is not a scalar.
    /// </summary>
    /// <param name="yamlFile">The YAML file.</param>
    /// <param name="jsonFile">Where the JSON goes.</param>
    /// <param name="display">The file's name in problems.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="kinds">What the inventory holds, for the messages.</param>
    public static bool TryConvert(string yamlFile, string jsonFile, string display, List<InputProblem> problems, InventoryKinds kinds)
    {
        try
        {
            using var reader = new StreamReader(yamlFile, Encoding.UTF8);
            using var writer = new StreamWriter(jsonFile, append: false, new UTF8Encoding(false), 1 << 16);
            var output = new Output(writer);
            var parser = new Parser(reader);
            var documents = 0;
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case DocumentStart when ++documents > 1:
                        problems.Add(new InputProblem(display, "", $"holds more than one YAML document; expected one {kinds.Expected} ({kinds.Command} -o yaml writes one List)", current.Start.Line, current.Start.Column));
                        return false;
                    case AnchorAlias:
                        problems.Add(new InputProblem(display, "", $"YAML aliases (*name) are not supported in a {kinds.Item.ToLowerInvariant()} inventory", current.Start.Line, current.Start.Column));
                        return false;
                    case Scalar scalar:
                        output.Value(scalar.Start, output.ExpectsKey ? Quote(scalar.Value) : Resolve(scalar));
                        break;
                    case MappingStart:
                    case SequenceStart:
                        if (output.ExpectsKey)
                        {
                            return KeyProblem(display, problems, current);
                        }

                        output.Open(current);
                        break;
                    case MappingEnd or SequenceEnd:
                        output.Close(current.Start);
                        break;
                }
            }

            if (documents == 0 || !output.WroteAnything)
            {
                problems.Add(new InputProblem(display, "", $"expected a {kinds.Expected}, got an empty YAML document"));
                return false;
            }

            return true;
        }
        catch (YamlException error)
        {
            problems.Add(new InputProblem(display, "", "not valid YAML: " + (error.InnerException?.Message ?? error.Message).Trim(), error.Start.Line, error.Start.Column));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
        }

        return false;
    }

    private static bool KeyProblem(string display, List<InputProblem> problems, ParsingEvent at)
    {
        problems.Add(new InputProblem(display, "", "a mapping key must be a plain value, not a list or mapping", at.Start.Line, at.Start.Column));
        return false;
    }

    /// <summary>
    /// A JSON string literal of <paramref name="value"/>: the same escaping as JsonSerializer.Serialize(value) with the
    /// relaxed encoder, without reflection (trim- and AOT-safe).
    /// </summary>
    internal static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    private static string Resolve(Scalar scalar) => Resolve(scalar.Value, scalar.Style);

    /// <summary>A YAML scalar as a JSON literal: quoted styles are strings; plain ones resolve by the YAML 1.2 core schema.</summary>
    internal static string Resolve(string value, ScalarStyle style)
    {
        if (style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return Quote(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => "null",
            "true" or "True" or "TRUE" => "true",
            "false" or "False" or "FALSE" => "false",
            var text when JsonNumber().IsMatch(text) => text,
            var text => Quote(text),
        };
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    /// <summary>The JSON text being written: commas, colons and the position of every token.</summary>
    private sealed class Output(TextWriter writer)
    {
        private readonly Stack<(bool Mapping, int Count)> open = new();
        private long line = 1;
        private long column = 1;

        public bool WroteAnything { get; private set; }

        /// <summary>True when the next scalar is a mapping key.</summary>
        public bool ExpectsKey => open.Count > 0 && open.Peek().Mapping && open.Peek().Count % 2 == 0;

        /// <summary>Writes a scalar: a key (then a colon) or a value.</summary>
        public void Value(Mark at, string json)
        {
            var key = ExpectsKey;
            Separate();

            // A key starts one column early: "key": is one character longer than key:, so the value keeps its YAML column.
            MoveTo(at.Line, key ? at.Column - 1 : at.Column);
            Write(json);
            if (key)
            {
                Write(":");
            }
        }

        /// <summary>
        /// Opens a mapping or sequence. A block mapping's event sits on its first key, so its brace goes two columns before
        /// (on the dash of a list item); a block sequence's bracket stays after the key, leaving the dash's column to the item.
        /// </summary>
        public void Open(ParsingEvent start)
        {
            Separate();
            var mapping = start is MappingStart;
            if (start is MappingStart { Style: MappingStyle.Block })
            {
                MoveTo(start.Start.Line, start.Start.Column - 2);
            }
            else if (start is not SequenceStart { Style: SequenceStyle.Block })
            {
                MoveTo(start.Start.Line, start.Start.Column);
            }

            Write(mapping ? "{" : "[");
            open.Push((mapping, 0));
        }

        public void Close(Mark at)
        {
            var (mapping, _) = open.Pop();
            MoveTo(at.Line, at.Column);
            Write(mapping ? "}" : "]");
        }

        private void Separate()
        {
            WroteAnything = true;
            if (open.Count == 0)
            {
                return;
            }

            var (mapping, count) = open.Pop();
            if (count > 0 && (!mapping || count % 2 == 0))
            {
                Write(",");
            }

            open.Push((mapping, count + 1));
        }

        private void MoveTo(long atLine, long atColumn)
        {
            while (line < atLine)
            {
                writer.Write('\n');
                line++;
                column = 1;
            }

            while (line == atLine && column < atColumn)
            {
                writer.Write(' ');
                column++;
            }
        }

        private void Write(string text)
        {
            writer.Write(text);
            column += text.Length;
        }
    }
}
