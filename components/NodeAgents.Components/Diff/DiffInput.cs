using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodeAgents.Rendering;

namespace NodeAgents.Diff;

/// <summary>Turns built objects and rendered files into the JSON objects <see cref="DiffReport"/> compares.</summary>
public static class DiffInput
{
    /// <summary>Each object as the client library's JSON serializer writes it (the same fields <c>render</c> writes).</summary>
    public static IReadOnlyList<JsonObject> FromObjects(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        [.. objects.Select(obj => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(obj))!)];

    /// <summary>
    /// The objects of one rendered file: a YAML document or <c>---</c> stream, or JSON (a <c>v1</c> <c>List</c> is opened into
    /// its items), read through <see cref="YamlReader"/>. Documents that are not objects are skipped.
    /// </summary>
    /// <exception cref="FormatException">The text is not YAML of the supported subset (the message has the line and column).</exception>
    public static IReadOnlyList<JsonObject> FromText(string text)
    {
        var objects = new List<JsonObject>();
        foreach (var json in YamlReader.ToJson(text))
        {
            if (JsonNode.Parse(json) is not JsonObject obj)
            {
                continue;
            }

            if (obj["kind"]?.ToString() is "List" && obj["items"] is JsonArray items)
            {
                objects.AddRange(items.OfType<JsonObject>().Select(item => (JsonObject)item.DeepClone()));
            }
            else
            {
                objects.Add(obj);
            }
        }

        return objects;
    }
}
