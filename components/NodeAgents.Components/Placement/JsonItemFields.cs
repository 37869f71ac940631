using System.Text.Json;

namespace NodeAgents.Placement;

/// <summary>
/// The fields one kind of inventory item (a Node, a Pod) reads in the single pass of <see cref="JsonListStream{TFields}"/>:
/// its <c>kind</c>, and each property of <c>metadata</c>, <c>spec</c> and <c>status</c> through the reader of the kind;
/// everything else is skipped. One instance is reused for every item of a stream.
/// </summary>
internal abstract class JsonItemFields
{
    // Delegates made once, not per item.
    private readonly JsonFieldReading.PropertyReader metadata;
    private readonly JsonFieldReading.PropertyReader spec;
    private readonly JsonFieldReading.PropertyReader status;

    protected JsonItemFields()
    {
        metadata = ReadMetadataProperty;
        spec = ReadSpecProperty;
        status = ReadStatusProperty;
    }

    /// <summary>The item's <c>kind</c>, or null when absent.</summary>
    public string? Kind { get; private set; }

    /// <summary>
    /// Every bad value of the item: its path below the item, what is wrong, and where its token starts (relative to the
    /// reader's span, as <see cref="Utf8JsonReader.TokenStartIndex"/>).
    /// </summary>
    public List<(string Path, string Message, long Start)> Problems { get; } = [];

    /// <summary>
    /// Reads the item whose StartObject the reader is on, up to its EndObject; false when the buffer ends first (the caller
    /// refills and reads the item again from its start, so the fields are reset first).
    /// </summary>
    /// <exception cref="JsonException">The item is not valid JSON.</exception>
    public bool TryRead(ref Utf8JsonReader reader)
    {
        Kind = null;
        Problems.Clear();
        Reset();
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            bool ok;
            if (reader.ValueTextEquals("kind"u8))
            {
                ok = JsonFieldReading.TryReadString(ref reader, out var kind);
                Kind = kind;
            }
            else
            {
                ok = reader.ValueTextEquals("metadata"u8) ? JsonFieldReading.TryReadObject(ref reader, metadata)
                    : reader.ValueTextEquals("spec"u8) ? JsonFieldReading.TryReadObject(ref reader, spec)
                    : reader.ValueTextEquals("status"u8) ? JsonFieldReading.TryReadObject(ref reader, status)
                    : JsonFieldReading.TrySkipValue(ref reader);
            }

            if (!ok)
            {
                return false;
            }
        }
    }

    /// <summary>Clears what the last item set, before the next one (or the same one again) is read.</summary>
    protected abstract void Reset();

    /// <summary>Reads one property of <c>metadata</c>, the reader on its name; false when the buffer ends first.</summary>
    protected abstract bool ReadMetadataProperty(ref Utf8JsonReader reader);

    /// <summary>Reads one property of <c>spec</c>, the reader on its name; false when the buffer ends first.</summary>
    protected abstract bool ReadSpecProperty(ref Utf8JsonReader reader);

    /// <summary>Reads one property of <c>status</c>, the reader on its name; false when the buffer ends first.</summary>
    protected abstract bool ReadStatusProperty(ref Utf8JsonReader reader);
}
