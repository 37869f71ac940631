using System.Text;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Collapses nodes that every decision sees alike into groups, in one pass: the key is the values of the relevant label
/// keys, every <c>node-role.kubernetes.io/*</c> label, the operating system, the kernel, architecture and container runtime (<c>status.nodeInfo</c>), the taints, the allocatable quantities and,
/// when asked, the node name. A group's first node is the representative the decisions are made on, handed to the caller
/// as soon as the group opens and not kept (so 20,000 distinct shapes do not hold 20,000 <see cref="V1Node"/>s); the other
/// nodes are never deserialized (see <see cref="NodeView"/>).
/// </summary>
internal static class NodeGrouping
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    /// <summary>
    /// Groups <paramref name="nodes"/> by <paramref name="labelKeys"/> (sorted, distinct) and, for a node whose name
    /// <paramref name="byName"/> accepts (an agent selects by name, or the node has pods of its own), by name. <paramref name="open"/> is called once per group, with its 0-based index, its first node and the list of its
    /// members' names, which keeps filling while the nodes stream by.
    /// </summary>
    public static List<T> Build<T>(IEnumerable<NodeView> nodes, IReadOnlyList<string> labelKeys, Func<string, bool> byName, Func<int, V1Node, List<string>, T> open)
    {
        var groups = new List<T>();
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var key = new StringBuilder(256);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        var scratch = new char[512];
        var shapes = new Dictionary<string, V1Node>(StringComparer.Ordinal);
        var shapeLookup = shapes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var node in nodes)
        {
            key.Clear();
            var name = node.Name;
            var named = byName(name);
            if (named)
            {
                key.Append(name).Append('\u0001');
            }

            var shapeStart = key.Length;

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
            // Nodes whose kernel, architecture or runtime differ can differ in what runs there (NodeRuntimeCheck).
            for (var fact = 0; fact < 3; fact++)
            {
                key.Append(node.RuntimeFact(fact) ?? "\u0002").Append('\u0001');
            }

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
            if (!lookup.TryGetValue(text, out var names))
            {
                // Only the first node of a group becomes a V1Node; the decisions are made on it, then it is dropped. A node
                // grouped by name whose shape was seen before is that node under its own name (nothing a decision reads differs).
                var shape = text[shapeStart..];
                V1Node? representative;
                if (named && shapeLookup.TryGetValue(shape, out var seen))
                {
                    representative = Renamed(seen, name);
                }
                else if ((representative = node.Materialize()) is null)
                {
                    continue;
                }
                else if (named && shapes.Count < MaxRememberedShapes)
                {
                    shapes[new string(shape)] = representative;
                }

                names = [];
                index[new string(text)] = names;
                groups.Add(open(groups.Count, representative, names));
            }

            names.Add(name);
        }

        return groups;
    }

    /// <summary>How many shapes of nodes grouped by name are remembered, so 20,000 distinct nodes do not hold 20,000 <see cref="V1Node"/>s.</summary>
    private const int MaxRememberedShapes = 256;

    /// <summary>A shallow copy of <paramref name="node"/> named <paramref name="name"/> (its labels, spec and status shared, read only).</summary>
    private static V1Node Renamed(V1Node node, string name) => new()
    {
        ApiVersion = node.ApiVersion,
        Kind = node.Kind,
        Metadata = new V1ObjectMeta { Name = name, Labels = node.Metadata?.Labels, Annotations = node.Metadata?.Annotations },
        Spec = node.Spec,
        Status = node.Status,
    };

    /// <summary>The node's operating system (see <see cref="NodeView.OperatingSystem"/>).</summary>
    public static string OperatingSystem(V1Node node) => new TypedNodeView(node).OperatingSystem;

    /// <summary>The node's roles from its <c>node-role.kubernetes.io/&lt;role&gt;</c> labels, e.g. <c>control-plane</c>.</summary>
    public static IEnumerable<string> Roles(V1Node node) =>
        (node.Metadata?.Labels ?? new Dictionary<string, string>()).Keys
            .Where(key => key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            .Select(key => key[RolePrefix.Length..])
            .Order(StringComparer.Ordinal);
}
