using System.Text;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Collapses nodes that every decision sees alike into groups, in one pass: the key is the values of the relevant label
/// keys, every <c>node-role.kubernetes.io/*</c> label, the operating system, the taints, the allocatable quantities and,
/// when asked, the node name. Each group keeps its first node as the representative the decisions are made on; the other
/// nodes are never deserialized (see <see cref="NodeView"/>).
/// </summary>
internal static class NodeGrouping
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    /// <summary>A group under construction: its first node and every member's name.</summary>
    public sealed record Group(V1Node Representative, List<string> Names);

    /// <summary>Groups <paramref name="nodes"/> by <paramref name="labelKeys"/> (sorted, distinct) and, with <paramref name="byName"/>, by name.</summary>
    public static List<Group> Build(IEnumerable<NodeView> nodes, IReadOnlyList<string> labelKeys, bool byName)
    {
        var groups = new List<Group>();
        var index = new Dictionary<string, Group>(StringComparer.Ordinal);
        var key = new StringBuilder(256);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        var scratch = new char[512];
        foreach (var node in nodes)
        {
            key.Clear();
            var name = node.Name;
            if (byName)
            {
                key.Append(name).Append('\u0001');
            }

            foreach (var labelKey in labelKeys)
            {
                if (!node.AppendLabel(key, labelKey))
                {
                    key.Append('\u0002');
                }

                key.Append('\u0001');
            }

            // Role labels in key order, so documents that list labels differently still group together.
            var roles = node.LabelsStartingWith(RolePrefix).ToList();
            roles.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
            foreach (var (labelKey, value) in roles)
            {
                key.Append(labelKey).Append('=').Append(value).Append('\u0001');
            }

            key.Append('\u0003').Append(node.OperatingSystem).Append('\u0003');
            node.AppendTaints(key);
            key.Append('\u0003');
            foreach (var resource in (ReadOnlySpan<string>)["cpu", "memory", "pods"])
            {
                key.Append(node.Allocatable(resource) ?? "\u0002").Append('\u0001');
            }

            // Look the key up as a span: only a new group's key becomes a string.
            if (scratch.Length < key.Length)
            {
                scratch = new char[key.Length * 2];
            }

            key.CopyTo(0, scratch, 0, key.Length);
            var text = scratch.AsSpan(0, key.Length);
            if (!lookup.TryGetValue(text, out var group))
            {
                // Only the first node of a group becomes a V1Node; the decisions are made on it.
                if (node.Materialize() is not { } representative)
                {
                    continue;
                }

                group = new Group(representative, []);
                index[new string(text)] = group;
                groups.Add(group);
            }

            group.Names.Add(name);
        }

        return groups;
    }

    /// <summary>The node's operating system (see <see cref="NodeView.OperatingSystem"/>).</summary>
    public static string OperatingSystem(V1Node node) => new TypedNodeView(node).OperatingSystem;

    /// <summary>The node's roles from its <c>node-role.kubernetes.io/&lt;role&gt;</c> labels, e.g. <c>control-plane</c>.</summary>
    public static IEnumerable<string> Roles(V1Node node) =>
        (node.Metadata?.Labels ?? new Dictionary<string, string>()).Keys
            .Where(key => key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            .Select(key => key[RolePrefix.Length..])
            .Order(StringComparer.Ordinal);
}
