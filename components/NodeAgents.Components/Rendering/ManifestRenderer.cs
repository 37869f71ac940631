using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace NodeAgents.Rendering;

/// <summary>
/// Serialises objects with the client library's source-generated JSON serializer and <see cref="YamlWriter"/> (no runtime
/// reflection, so trimmed and Native AOT builds write the same bytes). Deterministic: the same objects always give the same
/// bytes (YAML keys are sorted; list order is the object order).
/// </summary>
public static class ManifestRenderer
{
    /// <summary>
    /// The file-name prefix of each kind, in apply order. Service came later and sits between Secret and DaemonSet at 55,
    /// so the names of files written before it existed do not change.
    /// </summary>
    private static readonly Dictionary<string, int> KindPrefix = new(StringComparer.Ordinal)
    {
        ["Namespace"] = 0, ["ServiceAccount"] = 10, ["ClusterRole"] = 20, ["ClusterRoleBinding"] = 30,
        ["ConfigMap"] = 40, ["Secret"] = 50, ["Service"] = 55, ["DaemonSet"] = 60,
    };

    /// <summary>One object as a YAML document (no leading <c>---</c>), ending in a newline.</summary>
    public static string ToYaml(IKubernetesObject<V1ObjectMeta> obj)
    {
        var yaml = YamlWriter.Write(obj);
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
    /// <c>kubectl apply -f</c> (namespaces first, then ServiceAccount 10, ClusterRole 20, ClusterRoleBinding 30, ConfigMap 40,
    /// Secret 50, Service 55, DaemonSets 60 last; any other kind 90), e.g. <c>60-daemonset-node-agents-fluent-bit.yaml</c>.
    /// Namespace and name are joined with '-', which names may contain, so two objects can map to one file name
    /// (namespace <c>a</c> with name <c>b-c</c>, namespace <c>a-b</c> with name <c>c</c>): callers that write files check
    /// for that (<c>nodeagents render</c> refuses before writing).
    /// </summary>
    public static string FileName(IKubernetesObject<V1ObjectMeta> obj)
    {
        var prefix = KindPrefix.GetValueOrDefault(obj.Kind, 90).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var ns = obj.Metadata.NamespaceProperty is { Length: > 0 } value ? value + "-" : "";
        return $"{prefix}-{obj.Kind.ToLowerInvariant()}-{ns}{obj.Metadata.Name}.yaml";
    }
}
