using k8s;
using k8s.Models;

namespace NodeAgents.Building;

/// <summary>
/// The Kubernetes objects of one agent, as built by <see cref="NodeAgentBuilder"/>.
/// Optional objects are null when the spec does not need them.
/// </summary>
/// <param name="ServiceAccount">The agent's ServiceAccount (always).</param>
/// <param name="ClusterRole">The ClusterRole with the agent's rules; null without rules.</param>
/// <param name="ClusterRoleBinding">Binds the ClusterRole to the ServiceAccount; null without rules.</param>
/// <param name="ConfigMap">The config files; null without config files.</param>
/// <param name="Secret">The Secret the secret env vars read, without data; null without secret env vars.</param>
/// <param name="Services">The agent's Services (see <see cref="Model.NodeAgentSpec.Services"/>); empty when it has none.</param>
/// <param name="DaemonSet">The DaemonSet (always).</param>
public sealed record NodeAgentObjects(
    V1ServiceAccount ServiceAccount,
    V1ClusterRole? ClusterRole,
    V1ClusterRoleBinding? ClusterRoleBinding,
    V1ConfigMap? ConfigMap,
    V1Secret? Secret,
    IReadOnlyList<V1Service> Services,
    V1DaemonSet DaemonSet)
{
    /// <summary>Every object that exists, in apply order: ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap, Secret, Services, DaemonSet.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> All =>
        new IKubernetesObject<V1ObjectMeta>?[] { ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap, Secret }
            .Concat(Services)
            .Append(DaemonSet)
            .OfType<IKubernetesObject<V1ObjectMeta>>()
            .ToList();
}
