using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace NodeAgents.Rendering;

/// <summary>
/// Serialises objects with the client library's YAML and JSON serializers. Deterministic: the same objects always give
/// the same bytes (maps are sorted by the builder; list order is the object order).
/// </summary>
public static class ManifestRenderer
{
    private static readonly string[] KindOrder =
        ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Secret", "DaemonSet"];

    /// <summary>One object as a YAML document (no leading <c>---</c>), ending in a newline.</summary>
    public static string ToYaml(IKubernetesObject<V1ObjectMeta> obj)
    {
        var yaml = KubernetesYaml.Serialize(obj).Replace("\r\n", "\n", StringComparison.Ordinal);
        return yaml.EndsWith('\n') ? yaml : yaml + "\n";
    }

    /// <summary>All objects as one multi-document YAML stream, each document after a <c>---</c> line (kubectl-compatible).</summary>
    public static string ToYamlStream(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var text = new StringBuilder();
        foreach (var obj in objects)
        {
            text.Append("---\n").Append(ToYaml(obj));
        }

        return text.ToString();
    }

    /// <summary>All objects as a <c>v1</c> <c>List</c> in indented JSON, ending in a newline.</summary>
    public static string ToJsonList(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var items = new JsonArray();
        foreach (var obj in objects)
        {
            items.Add(JsonNode.Parse(KubernetesJson.Serialize(obj)));
        }

        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };
        return list.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// The file name of an object in a render folder: <c>NN-kind[-namespace]-name.yaml</c>, where NN orders kinds for
    /// <c>kubectl apply -f</c> (namespaces first, DaemonSets last), e.g. <c>60-daemonset-node-agents-fluent-bit.yaml</c>.
    /// </summary>
    public static string FileName(IKubernetesObject<V1ObjectMeta> obj)
    {
        var order = Array.IndexOf(KindOrder, obj.Kind);
        var prefix = (order < 0 ? 90 : order * 10).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var ns = obj.Metadata.NamespaceProperty is { Length: > 0 } value ? value + "-" : "";
        return $"{prefix}-{obj.Kind.ToLowerInvariant()}-{ns}{obj.Metadata.Name}.yaml";
    }
}
