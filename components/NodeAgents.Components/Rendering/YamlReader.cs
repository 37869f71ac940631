using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NodeAgents.Rendering;

/// <summary>
/// Reads Kubernetes YAML (one document or a <c>---</c> stream) without runtime reflection: each document is turned into JSON
/// by walking YamlDotNet's parser events (iteratively, so deep nesting cannot overflow the stack), then bound by the client
/// library's source-generated <see cref="KubernetesJson"/>. Plain scalars are typed as the YAML 1.2 core schema types them
/// (<c>null</c>/<c>~</c>/empty → null, <c>true</c>/<c>false</c>, integers and floats), quoted and block scalars are strings,
/// which is how sigs.k8s.io/yaml hands YAML to the API machinery for these values. Anchors, aliases and tags other than the
/// core ones are refused.
/// </summary>
public static partial class YamlReader
{
    /// <summary>The deepest nesting of mappings and sequences read.</summary>
    public const int MaxDepth = 256;

    /// <summary>The kinds <see cref="LoadAll"/> binds to a model type, by <c>apiVersion/kind</c>.</summary>
    private static readonly Dictionary<string, Func<string, object>> Kinds = new(StringComparer.Ordinal)
    {
        ["v1/Namespace"] = json => KubernetesJson.Deserialize<V1Namespace>(json),
        ["v1/ServiceAccount"] = json => KubernetesJson.Deserialize<V1ServiceAccount>(json),
        ["v1/ConfigMap"] = json => KubernetesJson.Deserialize<V1ConfigMap>(json),
        ["v1/Secret"] = json => KubernetesJson.Deserialize<V1Secret>(json),
        ["v1/Service"] = json => KubernetesJson.Deserialize<V1Service>(json),
        ["v1/Pod"] = json => KubernetesJson.Deserialize<V1Pod>(json),
        ["v1/Node"] = json => KubernetesJson.Deserialize<V1Node>(json),
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = json => KubernetesJson.Deserialize<V1ClusterRole>(json),
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = json => KubernetesJson.Deserialize<V1ClusterRoleBinding>(json),
        ["rbac.authorization.k8s.io/v1/Role"] = json => KubernetesJson.Deserialize<V1Role>(json),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = json => KubernetesJson.Deserialize<V1RoleBinding>(json),
        ["apps/v1/DaemonSet"] = json => KubernetesJson.Deserialize<V1DaemonSet>(json),
        ["apps/v1/Deployment"] = json => KubernetesJson.Deserialize<V1Deployment>(json),
        ["scheduling.k8s.io/v1/PriorityClass"] = json => KubernetesJson.Deserialize<V1PriorityClass>(json),
    };

    /// <summary>Binds the single YAML document <paramref name="yaml"/> to <typeparamref name="T"/>.</summary>
    /// <exception cref="FormatException">The text is not one YAML document of the supported subset (the message has the line and column).</exception>
    /// <exception cref="JsonException">The document does not fit <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string yaml)
    {
        var documents = ToJson(yaml);
        return documents.Count == 1
            ? KubernetesJson.Deserialize<T>(documents[0])
            : throw new FormatException($"expected one YAML document, found {documents.Count}");
    }

    /// <summary>
    /// Every non-empty document of the stream <paramref name="yaml"/>, bound to its model type by <c>apiVersion</c> and
    /// <c>kind</c> (Namespace, ServiceAccount, ConfigMap, Secret, Service, Pod, Node, the RBAC kinds, DaemonSet, Deployment,
    /// PriorityClass); a document of another kind is returned as its JSON text.
    /// </summary>
    /// <exception cref="FormatException">The text is not YAML of the supported subset (the message has the line and column).</exception>
    public static IReadOnlyList<object> LoadAll(string yaml) =>
        [.. ToJson(yaml).Select(json =>
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var key = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("apiVersion", out var apiVersion) && root.TryGetProperty("kind", out var kind)
                ? $"{apiVersion}/{kind}"
                : "";
            return Kinds.TryGetValue(key, out var bind) ? bind(json) : json;
        })];

    /// <summary>Each non-empty document of <paramref name="yaml"/> as JSON text.</summary>
    /// <exception cref="FormatException">The text is not YAML of the supported subset (the message has the line and column).</exception>
    public static IReadOnlyList<string> ToJson(string yaml)
    {
        var documents = new List<string>();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxDepth + 1 }))
                {
                    WriteValue(parser, writer);
                }

                parser.Consume<DocumentEnd>();
                var json = Encoding.UTF8.GetString(buffer.ToArray());
                if (json != "null")
                {
                    documents.Add(json);
                }
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException error)
        {
            throw new FormatException($"line {error.Start.Line}, column {error.Start.Column}: {error.Message}", error);
        }

        return documents;
    }

    /// <summary>Writes the node at the parser's position (a scalar, or a whole mapping or sequence) and moves past it.</summary>
    private static void WriteValue(IParser parser, Utf8JsonWriter writer)
    {
        // An explicit stack of the open collections instead of recursion.
        var open = new Stack<Collection>();
        do
        {
            var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
            if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false })
            {
                throw new YamlException(current.Start, current.End, "anchors and aliases are not read in manifests");
            }

            if (open.TryPeek(out var parent) && parent.ExpectKey && current is not MappingEnd)
            {
                writer.WritePropertyName(current is Scalar key ? key.Value : throw new YamlException(current.Start, current.End, "mapping keys must be scalars"));
                parent.ExpectKey = false;
                parser.MoveNext();
                continue;
            }

            switch (current)
            {
                case MappingStart or SequenceStart when open.Count >= MaxDepth:
                    throw new YamlException(current.Start, current.End, $"nested more than {MaxDepth} levels deep");
                case MappingStart:
                    writer.WriteStartObject();
                    open.Push(new Collection(Mapping: true) { ExpectKey = true });
                    break;
                case SequenceStart:
                    writer.WriteStartArray();
                    open.Push(new Collection(Mapping: false));
                    break;
                case MappingEnd:
                    writer.WriteEndObject();
                    open.Pop();
                    break;
                case SequenceEnd:
                    writer.WriteEndArray();
                    open.Pop();
                    break;
                case Scalar scalar:
                    WriteScalar(scalar, writer);
                    break;
                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }

            parser.MoveNext();
            if (current is Scalar or MappingEnd or SequenceEnd && open.TryPeek(out var container) && container.Mapping)
            {
                // A whole value was written inside a mapping: its next scalar is a key.
                container.ExpectKey = true;
            }
        }
        while (open.Count > 0);
    }

    private sealed record Collection(bool Mapping)
    {
        public bool ExpectKey { get; set; }
    }

    private static void WriteScalar(Scalar scalar, Utf8JsonWriter writer)
    {
        var text = scalar.Value;
        if (!scalar.IsPlainImplicit || scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            writer.WriteStringValue(text);
        }
        else if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            writer.WriteNullValue();
        }
        else if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(text[0] is 't' or 'T');
        }
        else if (CoreInteger().IsMatch(text) && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (CoreFloat().IsMatch(text) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteRawValue(text.StartsWith('+') ? text[1..] : text.StartsWith('.') ? "0" + text : text.StartsWith("-.", StringComparison.Ordinal) ? "-0" + text[1..] : text.EndsWith('.') ? text + "0" : text);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    /// <summary>YAML 1.2 core schema integer (decimal form).</summary>
    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreInteger();

    /// <summary>YAML 1.2 core schema float (finite forms).</summary>
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreFloat();
}
