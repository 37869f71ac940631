using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// The fields grouping reads of one JSON Node item (kind, name, the label values the rules read, the role labels, taints,
/// allocatable cpu/memory/pods, the reported operating system), read in the same single pass of
/// <see cref="Utf8JsonReader"/> that finds the item's end, plus every capacity or allocatable value that breaks
/// <see cref="QuantityRules"/> and every taint effect <see cref="NodeValueRules"/> rejects. Everything else is skipped without being decoded. One instance is reused for every item of a stream.
/// </summary>
internal sealed class NodeFields : JsonItemFields
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private static readonly byte[] RolePrefixUtf8 = Encoding.UTF8.GetBytes(RolePrefix);

    private readonly string[] labelKeys;
    private readonly byte[][] labelKeysUtf8;
    private readonly QuantityCache quantities;
    private readonly JsonFieldReading.StringPool pool = new();

    public NodeFields(IReadOnlyCollection<string> labelKeys, QuantityCache quantities)
    {
        this.labelKeys = [.. labelKeys];
        labelKeysUtf8 = [.. this.labelKeys.Select(Encoding.UTF8.GetBytes)];
        this.quantities = quantities;
        Labels = new string?[this.labelKeys.Length];
        readLabel = ReadLabel;
        readTaint = ReadTaintProperty;
        readAllocatable = (ref Utf8JsonReader resource) => ReadQuantity(ref resource, "allocatable");
        readCapacity = (ref Utf8JsonReader resource) => ReadQuantity(ref resource, "capacity");
        readNodeInfo = ReadNodeInfoProperty;
    }

    // Delegates made once, not per node.
    private readonly JsonFieldReading.PropertyReader readLabel;
    private readonly JsonFieldReading.PropertyReader readTaint;
    private readonly JsonFieldReading.PropertyReader readAllocatable;
    private readonly JsonFieldReading.PropertyReader readCapacity;
    private readonly JsonFieldReading.PropertyReader readNodeInfo;
    private (string? Key, string? Value, string? Effect) taint;
    private long taintEffectStart;

    public string Name { get; private set; } = "";

    /// <summary>The value of each label key asked for (same order), or null when absent.</summary>
    public string?[] Labels { get; }

    public List<KeyValuePair<string, string>> RoleLabels { get; } = [];

    public List<(string? Key, string? Value, string? Effect)> Taints { get; } = [];

    public string? Cpu { get; private set; }

    public string? Memory { get; private set; }

    public string? Pods { get; private set; }

    public string? OperatingSystem { get; private set; }

    /// <summary><c>status.nodeInfo.kernelVersion</c>, <c>architecture</c>, <c>containerRuntimeVersion</c>, <c>osImage</c>; null when absent.</summary>
    public string?[] RuntimeFacts { get; } = new string?[4];

    public bool TryGetLabel(string key, out string value)
    {
        var index = Array.IndexOf(labelKeys, key);
        value = index >= 0 ? Labels[index] ?? "" : "";
        return index >= 0 && Labels[index] is not null;
    }

    protected override void Reset()
    {
        Name = "";
        Array.Clear(Labels);
        RoleLabels.Clear();
        Taints.Clear();
        Cpu = Memory = Pods = OperatingSystem = null;
        Array.Clear(RuntimeFacts);
    }

    protected override bool ReadMetadataProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            Name = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
            return reader.TokenType == JsonTokenType.String || reader.TrySkip();
        }

        return reader.ValueTextEquals("labels"u8) ? JsonFieldReading.TryReadObject(ref reader, readLabel) : JsonFieldReading.TrySkipValue(ref reader);
    }

    private bool ReadLabel(ref Utf8JsonReader reader)
    {
        var index = -1;
        for (var candidate = 0; candidate < labelKeysUtf8.Length; candidate++)
        {
            if (reader.ValueTextEquals(labelKeysUtf8[candidate]))
            {
                index = candidate;
                break;
            }
        }

        string? roleKey = null;
        if (reader.ValueIsEscaped ? reader.GetString()!.StartsWith(RolePrefix, StringComparison.Ordinal) : reader.ValueSpan.StartsWith(RolePrefixUtf8))
        {
            roleKey = pool.Get(ref reader);
        }

        if (index < 0 && roleKey is null)
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return reader.TrySkip();
        }

        var value = pool.Get(ref reader);
        if (index >= 0)
        {
            Labels[index] = value;
        }

        if (roleKey is not null)
        {
            RoleLabels.Add(new KeyValuePair<string, string>(roleKey, value));
        }

        return true;
    }

    protected override bool ReadSpecProperty(ref Utf8JsonReader reader)
    {
        if (!reader.ValueTextEquals("taints"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return reader.TrySkip();
        }

        var taintIndex = -1;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            taintIndex++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                if (!reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            taint = default;
            if (!JsonFieldReading.TryReadProperties(ref reader, readTaint))
            {
                return false;
            }

            Taints.Add(taint);
            if (NodeValueRules.TaintEffectProblem(taint.Effect) is { } effectProblem)
            {
                Problems.Add(($"spec.taints[{taintIndex}].effect", effectProblem, taintEffectStart));
            }
        }
    }

    private bool ReadTaintProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("key"u8))
        {
            return TryReadPooled(ref reader, out taint.Key);
        }

        if (reader.ValueTextEquals("value"u8))
        {
            return TryReadPooled(ref reader, out taint.Value);
        }

        if (!reader.ValueTextEquals("effect"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        var ok = TryReadPooled(ref reader, out taint.Effect);
        taintEffectStart = reader.TokenStartIndex;
        return ok;
    }

    protected override bool ReadStatusProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("allocatable"u8))
        {
            return JsonFieldReading.TryReadObject(ref reader, readAllocatable);
        }

        if (reader.ValueTextEquals("capacity"u8))
        {
            return JsonFieldReading.TryReadObject(ref reader, readCapacity);
        }

        return reader.ValueTextEquals("nodeInfo"u8) ? JsonFieldReading.TryReadObject(ref reader, readNodeInfo) : JsonFieldReading.TrySkipValue(ref reader);
    }

    private bool ReadNodeInfoProperty(ref Utf8JsonReader reader)
    {
        var fact = reader.ValueTextEquals("kernelVersion"u8) ? 0
            : reader.ValueTextEquals("architecture"u8) ? 1
            : reader.ValueTextEquals("containerRuntimeVersion"u8) ? 2
            : reader.ValueTextEquals("osImage"u8) ? 3
            : -1;
        if (fact >= 0)
        {
            var read = TryReadPooled(ref reader, out var value);
            RuntimeFacts[fact] = value;
            return read;
        }

        if (!reader.ValueTextEquals("operatingSystem"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        var ok = TryReadPooled(ref reader, out var os);
        OperatingSystem = os;
        return ok;
    }

    private bool TryReadPooled(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            value = pool.Get(ref reader);
            return true;
        }

        return reader.TrySkip();
    }

    private bool ReadQuantity(ref Utf8JsonReader reader, string list)
    {
        var resource = reader.ValueTextEquals("cpu"u8) ? 1 : reader.ValueTextEquals("memory"u8) ? 2 : reader.ValueTextEquals("pods"u8) ? 3 : 0;
        var atName = reader;
        if (!reader.Read())
        {
            return false;
        }

        string? canonical = null;
        string? problem;
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            var entry = reader.ValueIsEscaped ? quantities.Canonical(reader.GetString()!) : quantities.Canonical(reader.ValueSpan);
            canonical = entry.Canonical;
            problem = entry.Problems[resource == 0 ? 3 : resource - 1];
        }
        else
        {
            problem = $"expected a quantity string such as \"4\" or \"16Gi\", got {(reader.TokenType == JsonTokenType.StartObject ? "an object" : reader.TokenType == JsonTokenType.StartArray ? "a list" : reader.TokenType.ToString().ToLowerInvariant())}";
        }

        if (problem is not null)
        {
            // Only a bad value pays for its name and position.
            Problems.Add(($"status.{list}.{atName.GetString()}", problem, reader.TokenStartIndex));
            canonical = null;
        }

        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) && !reader.TrySkip())
        {
            return false;
        }

        if (list == "allocatable")
        {
            switch (resource)
            {
                case 1:
                    Cpu = canonical;
                    break;
                case 2:
                    Memory = canonical;
                    break;
                case 3:
                    Pods = canonical;
                    break;
            }
        }

        return true;
    }
}

/// <summary>A <see cref="NodeView"/> over the <see cref="NodeFields"/> of one JSON item; valid until the stream moves on.</summary>
internal sealed class JsonItemNodeView(NodeFields fields, ReadOnlyMemory<byte> bytes, Action<Exception> failed) : NodeView
{
    public override string Name => fields.Name;

    public override bool TryGetLabel(string key, out string value) => fields.TryGetLabel(key, out value);

    public override IEnumerable<KeyValuePair<string, string>> LabelsStartingWith(string prefix) =>
        fields.RoleLabels.Where(label => label.Key.StartsWith(prefix, StringComparison.Ordinal));

    public override void AppendTaints(StringBuilder key)
    {
        foreach (var (taintKey, value, effect) in fields.Taints)
        {
            key.Append(taintKey).Append('=').Append(value).Append(':').Append(effect).Append('\u0001');
        }
    }

    public override string? Allocatable(string resource) => resource switch
    {
        "cpu" => fields.Cpu,
        "memory" => fields.Memory,
        "pods" => fields.Pods,
        _ => null,
    };

    protected override string? ReportedOperatingSystem => fields.OperatingSystem;

    public override string? RuntimeFact(int index) => fields.RuntimeFacts[index];

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
}
