using k8s.Models;

namespace NodeAgents.Building;

/// <summary>
/// Builds a Namespace for agents with Pod Security admission labels
/// (kubernetes.io/docs/concepts/security/pod-security-admission): <c>enforce</c>, <c>warn</c> and <c>audit</c>
/// all at the lowest level that admits every pod placed in it, each with <c>-version: latest</c>.
/// </summary>
public static class NamespaceBuilder
{
    /// <summary>The label prefix of Pod Security admission.</summary>
    public const string PodSecurityPrefix = "pod-security.kubernetes.io/";

    /// <summary>Builds the namespace <paramref name="name"/> for the given pods (an empty set gets <c>restricted</c>).</summary>
    public static V1Namespace Build(string name, IEnumerable<V1PodSpec> pods, string partOf)
    {
        var level = pods.Select(pod => PodSecurityStandards.Evaluate(pod).Level).DefaultIfEmpty(PodSecurityLevel.Restricted).Max();
        var value = PodSecurityStandards.LabelValue(level);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AgentLabels.ManagedBy] = AgentLabels.ManagedByValue,
            [AgentLabels.PartOf] = partOf,
        };
        foreach (var mode in new[] { "enforce", "warn", "audit" })
        {
            labels[PodSecurityPrefix + mode] = value;
            labels[PodSecurityPrefix + mode + "-version"] = "latest";
        }

        return KubernetesObjects.Stamp(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } });
    }
}
