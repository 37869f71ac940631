using NodeAgents.Model;

namespace NodeAgents.Building;

/// <summary>
/// The Kubernetes recommended labels (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels)
/// as node agents carry them. The selector is the stable subset name + instance: a DaemonSet's selector is
/// immutable, so it never contains the version or any other label that changes between releases.
/// </summary>
public static class AgentLabels
{
    /// <summary><c>app.kubernetes.io/name</c>.</summary>
    public const string Name = "app.kubernetes.io/name";

    /// <summary><c>app.kubernetes.io/instance</c>.</summary>
    public const string Instance = "app.kubernetes.io/instance";

    /// <summary><c>app.kubernetes.io/component</c>: the agent's role in lower case.</summary>
    public const string Component = "app.kubernetes.io/component";

    /// <summary><c>app.kubernetes.io/part-of</c>.</summary>
    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary><c>app.kubernetes.io/managed-by</c>.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary><c>app.kubernetes.io/version</c>: changes with every image, so never in a selector.</summary>
    public const string Version = "app.kubernetes.io/version";

    /// <summary>The value of <c>app.kubernetes.io/managed-by</c> on every object this project builds.</summary>
    public const string ManagedByValue = "nodeagents";

    /// <summary>The labels every selector is made of; none changes between releases.</summary>
    public static IReadOnlyList<string> SelectorKeys { get; } = [Name, Instance];

    /// <summary>The selector labels: name and instance.</summary>
    public static SortedDictionary<string, string> Selector(NodeAgentSpec spec) => new(StringComparer.Ordinal)
    {
        [Name] = spec.Name,
        [Instance] = spec.EffectiveInstance,
    };

    /// <summary>All labels of the agent's objects and pod template: the extra labels, then the recommended ones (which win).</summary>
    public static SortedDictionary<string, string> All(NodeAgentSpec spec)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.ExtraLabels)
        {
            labels[key] = value;
        }

        foreach (var (key, value) in Selector(spec))
        {
            labels[key] = value;
        }

        labels[Component] = RoleValue(spec.Role);
        labels[PartOf] = spec.PartOf;
        labels[ManagedBy] = ManagedByValue;
        labels[Version] = spec.Image.Version;
        return labels;
    }

    /// <summary>The lower-case role name used in labels, e.g. <c>logging</c>.</summary>
    public static string RoleValue(AgentRole role) => role.Name;
}
