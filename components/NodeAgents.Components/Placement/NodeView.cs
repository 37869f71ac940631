using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// What grouping reads of a node (name, labels, taints, allocatable, operating system), whether the node is already a
/// <see cref="V1Node"/> or still a JSON item of a streamed inventory; <see cref="Materialize"/> gives the
/// <see cref="V1Node"/> the decisions are made on, and is called only for the first node of each group.
/// </summary>
internal abstract class NodeView
{
    public abstract string Name { get; }

    public abstract bool TryGetLabel(string key, out string value);

    /// <summary>Appends the value of the label <paramref name="labelKey"/> to <paramref name="key"/>; false when the node lacks it.</summary>
    public virtual bool AppendLabel(StringBuilder key, string labelKey)
    {
        if (!TryGetLabel(labelKey, out var value))
        {
            return false;
        }

        key.Append(value);
        return true;
    }

    /// <summary>The labels whose key starts with <paramref name="prefix"/>, in document order.</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> LabelsStartingWith(string prefix);

    /// <summary>Appends every taint as <c>key=value:effect</c> plus a separator, in document order.</summary>
    public abstract void AppendTaints(StringBuilder key);

    /// <summary>The canonical text of an allocatable quantity (<see cref="ResourceQuantity.ToString"/>), or null when absent.</summary>
    public abstract string? Allocatable(string resource);

    protected abstract string? ReportedOperatingSystem { get; }

    /// <summary>The node as a <see cref="V1Node"/>, or null when it cannot be deserialized (a problem was recorded).</summary>
    public abstract V1Node? Materialize();

    /// <summary><c>kubernetes.io/os</c>, else <c>beta.kubernetes.io/os</c>, else <c>status.nodeInfo.operatingSystem</c>, else <c>unknown</c>.</summary>
    public string OperatingSystem =>
        TryGetLabel("kubernetes.io/os", out var os) || TryGetLabel("beta.kubernetes.io/os", out os) ? os : ReportedOperatingSystem is { Length: > 0 } reported ? reported : "unknown";
}

/// <summary>A <see cref="NodeView"/> over a deserialized node.</summary>
internal sealed class TypedNodeView(V1Node node) : NodeView
{
    public override string Name => node.Metadata?.Name ?? "";

    public override bool TryGetLabel(string key, out string value)
    {
        value = "";
        return node.Metadata?.Labels is { } labels && labels.TryGetValue(key, out value!);
    }

    public override IEnumerable<KeyValuePair<string, string>> LabelsStartingWith(string prefix) =>
        (node.Metadata?.Labels ?? new Dictionary<string, string>()).Where(label => label.Key.StartsWith(prefix, StringComparison.Ordinal));

    public override void AppendTaints(StringBuilder key)
    {
        foreach (var taint in node.Spec?.Taints ?? [])
        {
            key.Append(taint.Key).Append('=').Append(taint.Value).Append(':').Append(taint.Effect).Append('\u0001');
        }
    }

    public override string? Allocatable(string resource) =>
        node.Status?.Allocatable is { } allocatable && allocatable.TryGetValue(resource, out var quantity) ? quantity?.ToString() : null;

    protected override string? ReportedOperatingSystem => node.Status?.NodeInfo?.OperatingSystem;

    public override V1Node Materialize() => node;
}

/// <summary>
/// A <see cref="NodeView"/> over one parsed JSON item of a streamed List; valid only until the stream moves on. Reading it
/// costs no more than the parse; only <see cref="Materialize"/> deserializes (KubernetesClient's <see cref="KubernetesJson"/>).
/// </summary>
internal sealed class JsonNodeView : NodeView
{
    private readonly JsonElement root;
    private readonly ReadOnlyMemory<byte> bytes;
    private readonly QuantityCache quantities;
    private readonly Action<Exception> failed;
    private readonly JsonElement metadata;
    private readonly JsonElement labels;
    private readonly JsonElement status;

    public JsonNodeView(JsonElement root, ReadOnlyMemory<byte> bytes, QuantityCache quantities, Action<Exception> failed)
    {
        this.root = root;
        this.bytes = bytes;
        this.quantities = quantities;
        this.failed = failed;
        metadata = Child(root, "metadata");
        labels = Child(metadata, "labels");
        status = Child(root, "status");
    }

    public override string Name => Text(metadata, "name") ?? "";

    public string? Kind => Text(root, "kind");

    public override bool TryGetLabel(string key, out string value)
    {
        value = "";
        if (labels.ValueKind != JsonValueKind.Object || !labels.TryGetProperty(Utf8(key), out var found) || found.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = found.GetString()!;
        return true;
    }

    public override IEnumerable<KeyValuePair<string, string>> LabelsStartingWith(string prefix)
    {
        if (labels.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var utf8Prefix = Utf8(prefix);
        foreach (var label in labels.EnumerateObject())
        {
            // The raw UTF-8 name avoids a string per label; an escaped name (rare) is compared as a string.
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(label);
            var matches = raw.IndexOf((byte)'\\') >= 0 ? label.Name.StartsWith(prefix, StringComparison.Ordinal) : raw.StartsWith(utf8Prefix);
            if (matches && label.Value.ValueKind == JsonValueKind.String)
            {
                yield return new KeyValuePair<string, string>(label.Name, label.Value.GetString()!);
            }
        }
    }

    public override void AppendTaints(StringBuilder key)
    {
        if (!root.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object ||
            !spec.TryGetProperty("taints", out var taints) || taints.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var taint in taints.EnumerateArray())
        {
            key.Append(Text(taint, "key")).Append('=').Append(Text(taint, "value")).Append(':').Append(Text(taint, "effect")).Append('\u0001');
        }
    }

    public override string? Allocatable(string resource) =>
        Resources("allocatable") is { ValueKind: JsonValueKind.Object } allocatable && allocatable.TryGetProperty(resource, out var value)
            ? quantities.Canonical(value)
            : null;

    /// <summary>The first <c>status.capacity</c> or <c>status.allocatable</c> value that is not a quantity (path, raw text), or null.</summary>
    public (string Path, string Text)? FirstBadQuantity()
    {
        foreach (var list in (ReadOnlySpan<string>)["capacity", "allocatable"])
        {
            if (Resources(list) is not { ValueKind: JsonValueKind.Object } resources)
            {
                continue;
            }

            // Nodes of one shape repeat the same resource list byte for byte: check each distinct list once.
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(resources);
            if (quantities.IsKnownValidList(raw))
            {
                continue;
            }

            foreach (var resource in resources.EnumerateObject())
            {
                if (quantities.Canonical(resource.Value) is null)
                {
                    return ($"status.{list}.{resource.Name}", resource.Value.ValueKind == JsonValueKind.String ? resource.Value.GetString()! : resource.Value.GetRawText());
                }
            }

            quantities.AddValidList(raw);
        }

        return null;
    }

    /// <summary>Appends the value of the label decoded from its raw UTF-8, without a string per value.</summary>
    public override bool AppendLabel(StringBuilder key, string labelKey)
    {
        if (labels.ValueKind != JsonValueKind.Object || !labels.TryGetProperty(Utf8(labelKey), out var found) || found.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(found)[1..^1];
        if (raw.Length > 256 || raw.IndexOf((byte)'\\') >= 0)
        {
            key.Append(found.GetString());
            return true;
        }

        Span<char> chars = stackalloc char[raw.Length];
        key.Append(chars[..Encoding.UTF8.GetChars(raw, chars)]);
        return true;
    }

    protected override string? ReportedOperatingSystem => Text(Child(status, "nodeInfo"), "operatingSystem");

    public override V1Node? Materialize()
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            return KubernetesJson.Deserialize<V1Node>(stream);
        }
        catch (Exception error) when (error is JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            failed(error);
            return null;
        }
    }

    private JsonElement Resources(string list) => Child(status, list);

    /// <summary>The UTF-8 bytes of the few label keys grouping asks for, encoded once per process.</summary>
    private static byte[] Utf8(string text) => Utf8Keys.GetOrAdd(text, static key => Encoding.UTF8.GetBytes(key));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Utf8Keys = new(StringComparer.Ordinal);

    private static JsonElement Child(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var child) && child.ValueKind == JsonValueKind.Object ? child : default;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
