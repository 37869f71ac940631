using System.Text;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Collapses nodes that every decision sees alike into groups, in one pass: the key is the values of the relevant label
/// keys, every <c>node-role.kubernetes.io/*</c> label, the operating system, the taints, the allocatable quantities and,
/// when asked, the node name. Each group keeps its first node as the representative the decisions are made on.
/// </summary>
internal static class NodeGrouping
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    /// <summary>A group under construction: its first node and every member's name.</summary>
    public sealed record Group(V1Node Representative, List<string> Names);

    /// <summary>Groups <paramref name="nodes"/> by <paramref name="labelKeys"/> (sorted, distinct) and, with <paramref name="byName"/>, by name.</summary>
    public static List<Group> Build(IEnumerable<V1Node> nodes, IReadOnlyList<string> labelKeys, bool byName)
    {
        var groups = new List<Group>();
        var index = new Dictionary<string, Group>(StringComparer.Ordinal);
        var key = new StringBuilder(256);
        foreach (var node in nodes)
        {
            key.Clear();
            var name = node.Metadata?.Name ?? "";
            if (byName)
            {
                key.Append(name).Append('\u0001');
            }

            var labels = node.Metadata?.Labels;
            foreach (var labelKey in labelKeys)
            {
                key.Append(labels is not null && labels.TryGetValue(labelKey, out var value) ? value : "\u0002").Append('\u0001');
            }

            if (labels is not null)
            {
                foreach (var (labelKey, value) in labels)
                {
                    if (labelKey.StartsWith(RolePrefix, StringComparison.Ordinal))
                    {
                        key.Append(labelKey).Append('=').Append(value).Append('\u0001');
                    }
                }
            }

            key.Append('\u0003').Append(OperatingSystem(node)).Append('\u0003');
            foreach (var taint in node.Spec?.Taints ?? [])
            {
                key.Append(taint.Key).Append('=').Append(taint.Value).Append(':').Append(taint.Effect).Append('\u0001');
            }

            key.Append('\u0003');
            var allocatable = node.Status?.Allocatable;
            foreach (var resource in (ReadOnlySpan<string>)["cpu", "memory", "pods"])
            {
                key.Append(allocatable is not null && allocatable.TryGetValue(resource, out var quantity) ? quantity?.ToString() : "\u0002").Append('\u0001');
            }

            var text = key.ToString();
            if (!index.TryGetValue(text, out var group))
            {
                group = new Group(node, []);
                index[text] = group;
                groups.Add(group);
            }

            group.Names.Add(name);
        }

        return groups;
    }

    /// <summary>The node's operating system: <c>kubernetes.io/os</c>, else <c>beta.kubernetes.io/os</c>, else <c>status.nodeInfo.operatingSystem</c>, else <c>unknown</c>.</summary>
    public static string OperatingSystem(V1Node node)
    {
        var labels = node.Metadata?.Labels;
        if (labels is not null && (labels.TryGetValue("kubernetes.io/os", out var os) || labels.TryGetValue("beta.kubernetes.io/os", out os)))
        {
            return os;
        }

        return node.Status?.NodeInfo?.OperatingSystem is { Length: > 0 } reported ? reported : "unknown";
    }

    /// <summary>The node's roles from its <c>node-role.kubernetes.io/&lt;role&gt;</c> labels, e.g. <c>control-plane</c>.</summary>
    public static IEnumerable<string> Roles(V1Node node) =>
        (node.Metadata?.Labels ?? new Dictionary<string, string>()).Keys
            .Where(key => key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            .Select(key => key[RolePrefix.Length..])
            .Order(StringComparer.Ordinal);
}
