using k8s;
using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Building;

/// <summary>
/// Every object of a set of agents: one Namespace per distinct agent namespace (with the Pod Security level that
/// admits all its agents) except the <see cref="SystemNamespaces"/>, then each agent's objects. This is what offline renders write and what the Pulumi layer registers.
/// </summary>
public sealed class ManifestSet
{
    private ManifestSet(IReadOnlyList<V1Namespace> namespaces, IReadOnlyList<(NodeAgentSpec Spec, NodeAgentObjects Objects)> agents)
    {
        Namespaces = namespaces;
        Agents = agents;
    }

    /// <summary>
    /// The namespaces every cluster has and the tool never creates, labels or deletes: <c>default</c>, <c>kube-system</c>,
    /// <c>kube-public</c>, <c>kube-node-lease</c> (kubernetes.io/docs/concepts/overview/working-with-objects/namespaces,
    /// "Initial namespaces"). Agents may run in them (the network agent runs in kube-system); they get no Namespace object.
    /// </summary>
    public static IReadOnlySet<string> SystemNamespaces { get; } =
        new HashSet<string>(["default", "kube-system", "kube-public", "kube-node-lease"], StringComparer.Ordinal);

    /// <summary>The namespaces the tool creates, ordered by name; never one of the <see cref="SystemNamespaces"/>.</summary>
    public IReadOnlyList<V1Namespace> Namespaces { get; }

    /// <summary>Each agent's spec and objects, in the order the specs were given.</summary>
    public IReadOnlyList<(NodeAgentSpec Spec, NodeAgentObjects Objects)> Agents { get; }

    /// <summary>Every object in apply order: namespaces first, then each agent's objects.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects =>
        Namespaces.Cast<IKubernetesObject<V1ObjectMeta>>().Concat(Agents.SelectMany(agent => agent.Objects.All)).ToList();

    /// <summary>Builds the objects of <paramref name="specs"/>.</summary>
    /// <param name="specs">The agents; names must be unique (checked by the validator).</param>
    /// <param name="partOf">The <c>app.kubernetes.io/part-of</c> value of the namespaces. Default <c>node-agents</c>.</param>
    public static ManifestSet Build(IEnumerable<NodeAgentSpec> specs, string partOf = "node-agents")
    {
        var agents = specs.Select(spec => (spec, NodeAgentBuilder.Build(spec))).ToList();
        var namespaces = agents
            .Where(agent => !SystemNamespaces.Contains(agent.spec.Namespace))
            .GroupBy(agent => agent.spec.Namespace, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => NamespaceBuilder.Build(group.Key, group.Select(agent => agent.Item2.DaemonSet.Spec.Template.Spec), partOf))
            .ToList();
        return new ManifestSet(namespaces, agents);
    }
}
