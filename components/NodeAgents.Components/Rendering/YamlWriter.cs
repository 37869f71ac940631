using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodeAgents.Rendering;

/// <summary>
/// Writes Kubernetes objects as YAML without runtime reflection, so it works in a trimmed or Native AOT build: the object
/// goes through the client library's source-generated JSON serializer (<see cref="KubernetesJson"/>, the same field names,
/// omitted nulls, quantities and int-or-string values as the API), and the JSON is emitted as YAML events by YamlDotNet's
/// <see cref="Emitter"/>. Shape of the output:
/// <list type="bullet">
/// <item>block mappings and sequences; mapping keys sorted by ordinal order at every level, as <c>kubectl get -o yaml</c>
/// prints objects (Go's encoding sorts map keys), so the output is deterministic whatever order a map was filled in;</item>
/// <item>a string that a YAML 1.2 or YAML 1.1 reader would take for another type is double-quoted: the core-schema
/// pattern of the client library's own <c>StringQuotingEmitter</c> (kubernetes-client/csharp
/// <c>src/KubernetesClient/StringQuotingEmitter.cs</c>, YAML 1.2 section 10.3.2: empty, <c>~</c>, <c>null</c>, <c>true</c>,
/// <c>false</c>, <c>1</c>, <c>-1.5</c>, <c>1e3</c>), widened to what YAML 1.1 readers such as go-yaml v2 (behind kubectl's
/// sigs.k8s.io/yaml) resolve (<c>yes</c>, <c>No</c>, <c>on</c>, <c>OFF</c>, <c>+1</c>, <c>.5</c>, <c>0x1F</c>, <c>1_000</c>,
/// <c>.inf</c>, <c>.NaN</c>, <c>1:30</c>, dates); a multi-line string is a literal block (<c>|</c>) where YAML allows one;
/// everything else is left to the emitter (plain where plain reads back as the same string, else quoted);</item>
/// <item>JSON numbers and booleans are plain scalars, written as the JSON serializer wrote them.</item>
/// </list>
/// </summary>
public static partial class YamlWriter
{
    /// <summary>One object as a YAML document without a leading <c>---</c>, ending in a newline (<c>\n</c> line ends).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="obj"/> is null.</exception>
    public static string Write(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        using var json = JsonDocument.Parse(KubernetesJson.Serialize(obj));
        return Write(json.RootElement);
    }

    /// <summary>A JSON value as a YAML document without a leading <c>---</c>, ending in a newline (<c>\n</c> line ends).</summary>
    public static string Write(JsonElement value)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text) { NewLine = "\n" })
        {
            var emitter = new Emitter(writer);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart());
            Emit(emitter, value);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }

        return text.Replace("\r\n", "\n").ToString();
    }

    private static void Emit(IEmitter emitter, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var property in value.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal))
                {
                    emitter.Emit(new Scalar(property.Name));
                    Emit(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in value.EnumerateArray())
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                var style = ReadsAsAnotherType().IsMatch(text) ? ScalarStyle.DoubleQuoted
                    : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
                    : ScalarStyle.Any;
                emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            case JsonValueKind.Null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            default:
                // Numbers and booleans exactly as the JSON serializer wrote them.
                emitter.Emit(new Scalar(null, null, value.GetRawText(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    /// <summary>Nulls, booleans, numbers and dates of YAML 1.2's core schema and YAML 1.1's types (see the class summary).</summary>
    [GeneratedRegex(
        @"^(|~|null|Null|NULL|(?i:y|yes|n|no|true|false|on|off)"
        + @"|[-+]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?"
        + @"|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO][0-7_]+|[-+]?0[bB][01_]+"
        + @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
        + @"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"
        + @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReadsAsAnotherType();
}
