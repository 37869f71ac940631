using NodeAgents.Validation;

namespace NodeAgents.Model;

/// <summary>
/// What a node agent does on each node: an open set of names. The role is written to the
/// <c>app.kubernetes.io/component</c> label and is what a coverage policy requires on nodes. Four roles are built in
/// (<see cref="Logging"/>, <see cref="Monitoring"/>, <see cref="Network"/>, <see cref="Security"/>: the default coverage
/// policy names three of them); any other DNS-1123 label (e.g. <c>gpu</c>, <c>storage</c>, <c>mesh</c>) is a role too.
/// </summary>
public sealed record AgentRole : IComparable<AgentRole>
{
    private AgentRole(string name) => Name = name;

    /// <summary>The role's name, e.g. <c>logging</c>: a DNS-1123 label (at most 63 lower-case alphanumerics or '-').</summary>
    public string Name { get; }

    /// <summary>Ships container and node logs (e.g. Fluent Bit).</summary>
    public static AgentRole Logging { get; } = new("logging");

    /// <summary>Exposes node metrics (e.g. Prometheus node-exporter).</summary>
    public static AgentRole Monitoring { get; } = new("monitoring");

    /// <summary>Node-level networking such as a node-local DNS cache.</summary>
    public static AgentRole Network { get; } = new("network");

    /// <summary>Runtime security monitoring (e.g. Falco).</summary>
    public static AgentRole Security { get; } = new("security");

    /// <summary>The four built-in roles, in deploy order.</summary>
    public static IReadOnlyList<AgentRole> BuiltIn { get; } = [Logging, Monitoring, Network, Security];

    /// <summary>
    /// The role named <paramref name="name"/>; null with <paramref name="problem"/> set when the name is not a DNS-1123
    /// label (the label value of <c>app.kubernetes.io/component</c> it becomes must be valid, k8s.io/apimachinery
    /// pkg/util/validation IsValidLabelValue; the DNS-1123 label form is stricter so a role reads the same everywhere).
    /// </summary>
    public static AgentRole? Parse(string name, out string? problem)
    {
        problem = KubernetesNames.Dns1123Label(name);
        return problem is not null ? null : BuiltIn.FirstOrDefault(role => role.Name == name) ?? new AgentRole(name);
    }

    /// <summary>The role named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a DNS-1123 label.</exception>
    public static AgentRole Of(string name) =>
        Parse(name, out var problem) ?? throw new ArgumentException($"role '{name}' {problem}", nameof(name));

    /// <summary>
    /// Orders built-in roles first in deploy order (logging, monitoring, network, security), then the others by name.
    /// </summary>
    public int CompareTo(AgentRole? other)
    {
        if (other is null)
        {
            return 1;
        }

        var (left, right) = (Rank(this), Rank(other));
        return left != right ? left.CompareTo(right) : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>The role's name.</summary>
    public override string ToString() => Name;

    private static int Rank(AgentRole role)
    {
        for (var index = 0; index < BuiltIn.Count; index++)
        {
            if (BuiltIn[index].Name == role.Name)
            {
                return index;
            }
        }

        return BuiltIn.Count;
    }
}
