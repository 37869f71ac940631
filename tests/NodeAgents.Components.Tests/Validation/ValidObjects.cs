using k8s;
using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Presets;

namespace NodeAgents.Components.Tests.Validation;

/// <summary>The four presets with default options, built into objects that a test may mutate (a fresh set per call).</summary>
public sealed class ValidObjects
{
    public ValidObjects()
    {
        Manifests = ManifestSet.Build(
        [
            LoggingAgentPreset.Build(),
            MonitoringAgentPreset.Build(),
            NetworkAgentPreset.Build(),
            SecurityAgentPreset.Build(),
        ]);
        All = Manifests.Objects.ToList();
    }

    public ManifestSet Manifests { get; }

    public List<IKubernetesObject<V1ObjectMeta>> All { get; }

    public V1DaemonSet Ds(string name) => All.OfType<V1DaemonSet>().Single(ds => ds.Metadata.Name == name);

    public V1PodSpec Pod(string name) => Ds(name).Spec.Template.Spec;

    public V1Container Container(string name) => Pod(name).Containers[0];

    public V1ConfigMap ConfigMap(string name) => All.OfType<V1ConfigMap>().Single(cm => cm.Metadata.Name == name);

    /// <summary>The network agent's <c>kube-dns-upstream</c> Service.</summary>
    public V1Service Svc() => All.OfType<V1Service>().Single(svc => svc.Metadata.Name == "kube-dns-upstream");

    public V1RollingUpdateDaemonSet Rolling(string name) => Ds(name).Spec.UpdateStrategy.RollingUpdate;
}
