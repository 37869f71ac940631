using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace NodeAgents.Pulumi.Tests.Support;

/// <summary>Both sides of a parity check as JSON: the core object (client library serializer) and the inputs Pulumi registered.</summary>
public static class ObjectJson
{
    public static JsonNode FromModel(IKubernetesObject<V1ObjectMeta> obj) => JsonNode.Parse(KubernetesJson.Serialize(obj))!;

    public static JsonNode FromInputs(ImmutableDictionary<string, object> inputs) => JsonSerializer.SerializeToNode(inputs)!;

    /// <summary>
    /// The registered inputs without the values only a deploy can know, which the offline render leaves out by design:
    /// a Secret's <c>stringData</c>, and the pod template's <c>nodeagents.io/secret-version</c> annotation derived from it
    /// (present exactly when <paramref name="hasSecret"/>). Both are asserted present before they are removed.
    /// </summary>
    public static JsonNode FromInputsWithoutDeployTimeValues(string kind, ImmutableDictionary<string, object> inputs, bool hasSecret)
    {
        var json = FromInputs(kind == "Secret" ? inputs.Remove("stringData") : inputs);
        Assert.Equal(kind == "Secret", inputs.ContainsKey("stringData"));
        if (kind == "DaemonSet")
        {
            var annotations = json["spec"]!["template"]!["metadata"]!["annotations"]?.AsObject();
            Assert.Equal(hasSecret, annotations?.Remove("nodeagents.io/secret-version") ?? false);
            if (annotations is { Count: 0 })
            {
                json["spec"]!["template"]!["metadata"]!.AsObject().Remove("annotations");
            }
        }

        return json;
    }

    /// <summary>Every leaf of the tree as a path, e.g. <c>spec.template.spec.containers[0].ports[1].hostPort=53</c>.</summary>
    public static SortedSet<string> Leaves(JsonNode? node, string path = "")
    {
        var leaves = new SortedSet<string>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    leaves.UnionWith(Leaves(child, path.Length == 0 ? key : path + "." + key));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    leaves.UnionWith(Leaves(array[i], $"{path}[{i}]"));
                }

                if (array.Count == 0)
                {
                    leaves.Add(path + "=[]");
                }

                break;
            default:
                leaves.Add(path + "=" + (node?.ToJsonString() ?? "null"));
                break;
        }

        return leaves;
    }

    /// <summary>
    /// Asserts the registered inputs equal the core object field by field: on failure the message lists the leaves the
    /// mapping dropped and the ones it added or changed.
    /// </summary>
    public static void AssertSame(string what, JsonNode expected, JsonNode actual)
    {
        if (JsonNode.DeepEquals(expected, actual))
        {
            return;
        }

        var want = Leaves(expected);
        var got = Leaves(actual);
        var dropped = want.Except(got).ToList();
        var extra = got.Except(want).ToList();
        Assert.Fail($"{what}: registered inputs differ from the core object.\n  dropped or changed: {string.Join(", ", dropped)}\n  added or changed: {string.Join(", ", extra)}");
    }
}
