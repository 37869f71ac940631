using NodeAgents.Validation;

namespace NodeAgents.Model;

/// <summary>The rule for an agent's name (<see cref="NodeAgentSpec.Name"/>), checked where config names an agent.</summary>
public static class AgentName
{
    /// <summary>
    /// Null when <paramref name="name"/> is a DNS-1123 label (at most 63 lower-case alphanumerics or '-', starting and
    /// ending alphanumeric: the name of the DaemonSet, its ServiceAccount and the container, k8s.io/apimachinery
    /// pkg/util/validation IsDNS1123Label), else what is wrong.
    /// </summary>
    public static string? Check(string name) => KubernetesNames.Dns1123Label(name);
}
