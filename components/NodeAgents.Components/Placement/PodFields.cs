using System.Text.Json;

namespace NodeAgents.Placement;

/// <summary>
/// The fields fit and preemption read of one JSON Pod item, in the single pass of <see cref="Utf8JsonReader"/> that finds
/// the item's end (<see cref="JsonListStream{TFields}"/>): <c>kind</c>, <c>metadata.name</c>, <c>metadata.namespace</c>, the
/// names of <c>metadata.ownerReferences</c> of kind DaemonSet, <c>spec.nodeName</c>, <c>spec.priority</c>,
/// <c>spec.overhead</c>, of each of <c>spec.containers</c> and <c>spec.initContainers</c> its cpu and memory
/// <c>resources.requests</c> and <c>limits</c>, <c>restartPolicy</c> and <c>ports[].hostPort</c>/<c>hostIP</c>/<c>protocol</c>,
/// and <c>status.phase</c> and <c>status.startTime</c>. Everything else is skipped without being decoded; each distinct
/// quantity text is parsed once (<see cref="QuantityCache"/>). Bad values of the fields read are problems with their path
/// and position: a quantity that breaks <see cref="QuantityRules"/>, a value of the wrong JSON type. One instance is
/// reused for every item of a stream.
/// </summary>
internal sealed class PodFields : JsonItemFields
{
    private readonly QuantityCache quantities;
    private readonly JsonFieldReading.StringPool pool = new();
    private readonly List<ResourceAmounts> containers = [];
    private readonly List<(ResourceAmounts Own, bool Sidecar)> initContainers = [];

    // Delegates made once, not per pod.
    private readonly JsonFieldReading.PropertyReader readOwner;
    private readonly JsonFieldReading.PropertyReader readContainer;
    private readonly JsonFieldReading.PropertyReader readResources;
    private readonly JsonFieldReading.PropertyReader readRequests;
    private readonly JsonFieldReading.PropertyReader readLimits;
    private readonly JsonFieldReading.PropertyReader readOverhead;
    private readonly JsonFieldReading.PropertyReader readPort;
    private readonly ItemReader readOwnerItem;
    private readonly ItemReader readContainerItem;
    private readonly ItemReader readPortItem;
    private readonly Func<string> readingHostPort;

    // The container being read: which list, its index, its own cpu/memory (request, else limit) and whether it is a sidecar.
    private string list = "";
    private int index;
    private long? requestCpu;
    private long? requestMemory;
    private long? limitCpu;
    private long? limitMemory;
    private bool sidecar;
    private bool ownerIsDaemonSet;
    private string? ownerName;
    private (int Port, string Protocol, string HostIP) port;
    private int portIndex;

    public PodFields(QuantityCache quantities)
    {
        this.quantities = quantities;
        readOwner = ReadOwnerProperty;
        readContainer = ReadContainerProperty;
        readResources = ReadResourcesProperty;
        readRequests = (ref Utf8JsonReader reader) => ReadQuantity(ref reader, "resources.requests", ref requestCpu, ref requestMemory);
        readLimits = (ref Utf8JsonReader reader) => ReadQuantity(ref reader, "resources.limits", ref limitCpu, ref limitMemory);
        readOverhead = ReadOverheadQuantity;
        readPort = ReadPortProperty;
        readOwnerItem = ReadOwner;
        readContainerItem = ReadContainer;
        readPortItem = ReadPort;
        readingHostPort = () => $"spec.{list}[{index}].ports[{portIndex}].hostPort";
    }

    /// <summary><c>metadata.name</c>, empty when absent.</summary>
    public string Name { get; private set; } = "";

    /// <summary><c>metadata.namespace</c>, null when absent.</summary>
    public string? Namespace { get; private set; }

    /// <summary>The names of the DaemonSets among <c>metadata.ownerReferences</c>.</summary>
    public List<string> DaemonSetOwners { get; } = [];

    /// <summary><c>spec.nodeName</c>, null when absent.</summary>
    public string? NodeName { get; private set; }

    /// <summary><c>spec.priority</c>, 0 when absent.</summary>
    public int Priority { get; private set; }

    /// <summary><c>status.phase</c>, null when absent.</summary>
    public string? Phase { get; private set; }

    /// <summary><c>status.startTime</c> in UTC, null when absent.</summary>
    public DateTime? StartTime { get; private set; }

    /// <summary>The host ports the pod's containers and init containers declare: port, protocol (<c>TCP</c> when absent) and host IP (empty when absent).</summary>
    public List<(int Port, string Protocol, string HostIP)> HostPorts { get; } = [];

    /// <summary>The pod's requests (<see cref="PodRequests.Combine"/>): CPU in millicores, memory in bytes, one pod slot.</summary>
    public ResourceAmounts Requests => PodRequests.Combine(containers, initContainers, Overhead);

    private ResourceAmounts Overhead { get; set; }

    protected override void Reset()
    {
        Namespace = NodeName = Phase = null;
        Name = "";
        Priority = 0;
        StartTime = null;
        Overhead = ResourceAmounts.Zero;
        DaemonSetOwners.Clear();
        HostPorts.Clear();
        containers.Clear();
        initContainers.Clear();
    }

    protected override bool ReadMetadataProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("name"u8))
        {
            var ok = TryReadText(ref reader, "metadata.name", pooled: false, out var name);
            Name = name ?? "";
            return ok;
        }

        if (reader.ValueTextEquals("namespace"u8))
        {
            var ok = TryReadText(ref reader, "metadata.namespace", pooled: true, out var ns);
            Namespace = ns;
            return ok;
        }

        return reader.ValueTextEquals("ownerReferences"u8) ? TryReadArray(ref reader, "metadata.ownerReferences", readOwnerItem) : JsonFieldReading.TrySkipValue(ref reader);
    }

    private bool ReadOwner(ref Utf8JsonReader reader)
    {
        (ownerIsDaemonSet, ownerName) = (false, null);
        if (!JsonFieldReading.TryReadProperties(ref reader, readOwner))
        {
            return false;
        }

        if (ownerIsDaemonSet && ownerName is not null)
        {
            DaemonSetOwners.Add(ownerName);
        }

        return true;
    }

    private bool ReadOwnerProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("kind"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            ownerIsDaemonSet = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("DaemonSet"u8);
            return reader.TrySkip();
        }

        if (!reader.ValueTextEquals("name"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        ownerName = reader.TokenType == JsonTokenType.String ? pool.Get(ref reader) : null;
        return reader.TrySkip();
    }

    protected override bool ReadSpecProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("nodeName"u8))
        {
            var ok = TryReadText(ref reader, "spec.nodeName", pooled: true, out var nodeName);
            NodeName = nodeName;
            return ok;
        }

        if (reader.ValueTextEquals("priority"u8))
        {
            var ok = TryReadInt32(ref reader, () => "spec.priority", out var priority);
            Priority = priority ?? 0;
            return ok;
        }

        if (reader.ValueTextEquals("overhead"u8))
        {
            (requestCpu, requestMemory) = (null, null);
            if (!JsonFieldReading.TryReadObject(ref reader, readOverhead))
            {
                return false;
            }

            Overhead = new ResourceAmounts(requestCpu ?? 0, requestMemory ?? 0, 0);
            return true;
        }

        if (reader.ValueTextEquals("containers"u8))
        {
            list = "containers";
            return TryReadArray(ref reader, "spec.containers", readContainerItem);
        }

        if (reader.ValueTextEquals("initContainers"u8))
        {
            list = "initContainers";
            return TryReadArray(ref reader, "spec.initContainers", readContainerItem);
        }

        return JsonFieldReading.TrySkipValue(ref reader);
    }

    /// <summary>
    /// Reads an array of objects, calling <paramref name="item"/> with the reader on each StartObject and <see cref="index"/>
    /// set; <paramref name="path"/> null means the ports of the container being read.
    /// </summary>
    private bool TryReadArray(ref Utf8JsonReader reader, string? path, ItemReader item)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                Problems.Add((path ?? $"spec.{list}[{index}].ports", $"expected a list, got {Describe(ref reader)}", reader.TokenStartIndex));
            }

            return reader.TrySkip();
        }

        for (var position = 0; ; position++)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Problems.Add(($"{path ?? $"spec.{list}[{index}].ports"}[{position}]", $"expected an object, got {Describe(ref reader)}", reader.TokenStartIndex));
                if (!reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            if (path is not null)
            {
                index = position;
            }

            if (!item(ref reader))
            {
                return false;
            }
        }
    }

    private delegate bool ItemReader(ref Utf8JsonReader reader);

    private bool ReadContainer(ref Utf8JsonReader reader)
    {
        (requestCpu, requestMemory, limitCpu, limitMemory, sidecar, portIndex) = (null, null, null, null, false, 0);
        var container = index;
        if (!JsonFieldReading.TryReadProperties(ref reader, readContainer))
        {
            return false;
        }

        index = container;

        // A container that sets a limit but no request requests its limit (API defaulting, SetDefaults_Container).
        var own = new ResourceAmounts(requestCpu ?? limitCpu ?? 0, requestMemory ?? limitMemory ?? 0, 0);
        if (list == "containers")
        {
            containers.Add(own);
        }
        else
        {
            initContainers.Add((own, sidecar));
        }

        return true;
    }

    private bool ReadContainerProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("resources"u8))
        {
            return JsonFieldReading.TryReadObject(ref reader, readResources);
        }

        if (reader.ValueTextEquals("restartPolicy"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            sidecar = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Always"u8);
            return reader.TrySkip();
        }

        if (!reader.ValueTextEquals("ports"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        var container = index;
        var ok = TryReadArray(ref reader, null, readPortItem);
        index = container;
        return ok;
    }

    private bool ReadPort(ref Utf8JsonReader reader)
    {
        port = (0, "TCP", "");
        if (!JsonFieldReading.TryReadProperties(ref reader, readPort))
        {
            return false;
        }

        portIndex++;

        if (port.Port > 0)
        {
            HostPorts.Add(port);
        }

        return true;
    }

    private bool ReadPortProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("hostPort"u8))
        {
            var ok = TryReadInt32(ref reader, readingHostPort, out var hostPort);
            port.Port = hostPort ?? 0;
            return ok;
        }

        var protocol = reader.ValueTextEquals("protocol"u8);
        if (!protocol && !reader.ValueTextEquals("hostIP"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = pool.Get(ref reader);
            _ = protocol ? port.Protocol = text : port.HostIP = text;
        }

        return reader.TrySkip();
    }

    private bool ReadResourcesProperty(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("requests"u8) ? JsonFieldReading.TryReadObject(ref reader, readRequests)
        : reader.ValueTextEquals("limits"u8) ? JsonFieldReading.TryReadObject(ref reader, readLimits)
        : JsonFieldReading.TrySkipValue(ref reader);

    private bool ReadOverheadQuantity(ref Utf8JsonReader reader)
    {
        var container = list;
        list = "";
        var ok = ReadQuantity(ref reader, "overhead", ref requestCpu, ref requestMemory);
        list = container;
        return ok;
    }

    /// <summary>Reads one entry of a resource list into <paramref name="cpu"/> or <paramref name="memory"/>; other resources are skipped.</summary>
    private bool ReadQuantity(ref Utf8JsonReader reader, string field, ref long? cpu, ref long? memory)
    {
        var resource = reader.ValueTextEquals("cpu"u8) ? 0 : reader.ValueTextEquals("memory"u8) ? 1 : -1;
        if (resource < 0)
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        // Only a bad value pays for its path.
        string Path() => (list.Length == 0 ? "spec." : $"spec.{list}[{index}].") + field + (resource == 0 ? ".cpu" : ".memory");
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                Problems.Add((Path(), $"expected a quantity string such as \"100m\" or \"128Mi\", got {Describe(ref reader)}", reader.TokenStartIndex));
            }

            return reader.TrySkip();
        }

        var entry = reader.ValueIsEscaped ? quantities.Canonical(reader.GetString()!) : quantities.Canonical(reader.ValueSpan);
        if (entry.Problems[resource] is { } problem)
        {
            Problems.Add((Path(), problem, reader.TokenStartIndex));
            return true;
        }

        _ = resource == 0 ? cpu = entry.MilliValue : memory = entry.Value;
        return true;
    }

    protected override bool ReadStatusProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("phase"u8))
        {
            var ok = TryReadText(ref reader, "status.phase", pooled: true, out var phase);
            Phase = phase;
            return ok;
        }

        if (!reader.ValueTextEquals("startTime"u8))
        {
            return JsonFieldReading.TrySkipValue(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out var start))
        {
            StartTime = start.ToUniversalTime();
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            Problems.Add(("status.startTime", $"expected an RFC 3339 time such as \"2024-05-01T10:00:00Z\", got {Describe(ref reader)}", reader.TokenStartIndex));
        }

        return reader.TrySkip();
    }

    /// <summary>Reads a 32-bit whole number (null stays null); any other value is a problem at <paramref name="path"/>, made only then.</summary>
    private bool TryReadInt32(ref Utf8JsonReader reader, Func<string> path, out int? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            value = number;
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            Problems.Add((path(), $"expected a 32-bit whole number, got {Describe(ref reader)}", reader.TokenStartIndex));
        }

        return reader.TrySkip();
    }

    /// <summary>Reads a string value (null stays null); any other JSON type is a problem at <paramref name="path"/>.</summary>
    private bool TryReadText(ref Utf8JsonReader reader, string path, bool pooled, out string? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            value = pooled ? pool.Get(ref reader) : reader.GetString();
            return true;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            Problems.Add((path, $"expected a string, got {Describe(ref reader)}", reader.TokenStartIndex));
        }

        return reader.TrySkip();
    }

    /// <summary>The JSON value the reader is on, in words: <c>a number</c>, <c>a list</c>, <c>"text"</c>.</summary>
    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.Number => "the number " + System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True or JsonTokenType.False => reader.TokenType.ToString().ToLowerInvariant(),
        JsonTokenType.String => $"the string \"{QuantityRules.Shorten(reader.GetString()!)}\"",
        _ => reader.TokenType.ToString().ToLowerInvariant(),
    };
}
