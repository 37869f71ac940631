using System.Text;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// What grouping reads of a node (name, labels, taints, allocatable, operating system), whether the node is already a
/// <see cref="V1Node"/> or still a JSON item of a streamed inventory; <see cref="Materialize"/> gives the
/// <see cref="V1Node"/> the decisions are made on, and is called only for the first node of each group.
/// </summary>
internal abstract class NodeView
{
    public abstract string Name { get; }

    public abstract bool TryGetLabel(string key, out string value);

    /// <summary>Appends the value of the label <paramref name="labelKey"/> to <paramref name="key"/>; false when the node lacks it.</summary>
    public virtual bool AppendLabel(StringBuilder key, string labelKey)
    {
        if (!TryGetLabel(labelKey, out var value))
        {
            return false;
        }

        key.Append(value);
        return true;
    }

    /// <summary>The labels whose key starts with <paramref name="prefix"/>, in document order.</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> LabelsStartingWith(string prefix);

    /// <summary>Appends every taint as <c>key=value:effect</c> plus a separator, in document order.</summary>
    public abstract void AppendTaints(StringBuilder key);

    /// <summary>The canonical text of an allocatable quantity (<see cref="ResourceQuantity.ToString"/>), or null when absent.</summary>
    public abstract string? Allocatable(string resource);

    protected abstract string? ReportedOperatingSystem { get; }

    /// <summary>
    /// <c>status.nodeInfo</c> facts the runtime checks read, by index: 0 <c>kernelVersion</c>, 1 <c>architecture</c>,
    /// 2 <c>containerRuntimeVersion</c>, 3 <c>osImage</c>; null when absent.
    /// </summary>
    public abstract string? RuntimeFact(int index);

    /// <summary>The node as a <see cref="V1Node"/>, or null when it cannot be deserialized (a problem was recorded).</summary>
    public abstract V1Node? Materialize();

    /// <summary><c>kubernetes.io/os</c>, else <c>beta.kubernetes.io/os</c>, else <c>status.nodeInfo.operatingSystem</c>, else <c>unknown</c>.</summary>
    public string OperatingSystem =>
        TryGetLabel("kubernetes.io/os", out var os) || TryGetLabel("beta.kubernetes.io/os", out os) ? os : ReportedOperatingSystem is { Length: > 0 } reported ? reported : "unknown";
}

/// <summary>A <see cref="NodeView"/> over a deserialized node.</summary>
internal sealed class TypedNodeView(V1Node node) : NodeView
{
    public override string Name => node.Metadata?.Name ?? "";

    public override bool TryGetLabel(string key, out string value)
    {
        value = "";
        return node.Metadata?.Labels is { } labels && labels.TryGetValue(key, out value!);
    }

    public override IEnumerable<KeyValuePair<string, string>> LabelsStartingWith(string prefix) =>
        (node.Metadata?.Labels ?? new Dictionary<string, string>()).Where(label => label.Key.StartsWith(prefix, StringComparison.Ordinal));

    public override void AppendTaints(StringBuilder key)
    {
        foreach (var taint in node.Spec?.Taints ?? [])
        {
            key.Append(taint.Key).Append('=').Append(taint.Value).Append(':').Append(taint.Effect).Append('\u0001');
        }
    }

    public override string? Allocatable(string resource) =>
        node.Status?.Allocatable is { } allocatable && allocatable.TryGetValue(resource, out var quantity) ? quantity?.ToString() : null;

    protected override string? ReportedOperatingSystem => node.Status?.NodeInfo?.OperatingSystem;

    public override string? RuntimeFact(int index) => node.Status?.NodeInfo is not { } info ? null : index switch
    {
        0 => info.KernelVersion,
        1 => info.Architecture,
        2 => info.ContainerRuntimeVersion,
        _ => info.OsImage,
    };

    public override V1Node Materialize() => node;
}
