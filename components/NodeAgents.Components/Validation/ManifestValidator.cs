using k8s;
using k8s.Models;
using NodeAgents.Building;

namespace NodeAgents.Validation;

/// <summary>
/// Validates the Kubernetes objects the core emits before anything is written or registered: the API server's own rules
/// for every field we emit (k8s.io/kubernetes pkg/apis/apps/validation and pkg/apis/core/validation), rollout traps the
/// API server accepts, and host-port conflicts between agents. Works on objects, so it serves offline renders and the
/// Pulumi layer alike. Pure: it never changes the objects and never throws for bad objects (only <see cref="EnsureValid"/> does).
/// </summary>
public static class ManifestValidator
{
    /// <summary>Every rule the validator applies, grouped by concern.</summary>
    public static IReadOnlyList<ValidationRule> Rules { get; } =
    [
        .. MetadataRules.All, .. DaemonSetRules.All, .. PodRules.All, .. TolerationRules.All, .. AffinityRules.All, .. OsPinningRules.All, .. ResourceRequestRules.All,
        .. VolumeRules.All, .. ContainerRules.All, .. EnvRules.All, .. ConfigMapRules.All, .. ServiceRules.All, .. RbacRules.All,
        .. NamespaceRules.All, .. RolloutTrapRules.All, .. HostPortConflictRules.All,
        .. PodDnsRules.All, .. VolumeSourceRules.All, .. InitContainerRules.All, .. PodSecurityContextRules.All, .. VirtualNodeRules.All, .. HostProcessRules.All, .. PodOsRules.All,
    ];

    /// <summary>Validates every object of <paramref name="manifests"/> (namespaces and each agent's objects).</summary>
    /// <returns>All findings, sorted by <see cref="Finding.ReportOrder"/> (errors first); empty when everything is valid.</returns>
    public static IReadOnlyList<Finding> Validate(ManifestSet manifests) => Validate(manifests.Objects);

    /// <summary>Validates <paramref name="objects"/>; each object is checked by the rules of its kind, then across objects.</summary>
    /// <returns>All findings, sorted by <see cref="Finding.ReportOrder"/> (errors first); empty when everything is valid.</returns>
    public static IReadOnlyList<Finding> Validate(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var findings = new List<Finding>();
        var list = objects.ToList();
        var seen = new HashSet<ObjectRef>();
        foreach (var obj in list)
        {
            var sink = new FindingSink(ObjectRef.Of(obj), findings);
            if (!seen.Add(sink.Target))
            {
                sink.Add(MetadataRules.DuplicateObject, "metadata.name", sink.Target.Name, $"{sink.Target} is defined twice: the second would replace the first on apply; give each agent its own name");
            }

            MetadataRules.Check(obj, sink);
            switch (obj)
            {
                case V1DaemonSet daemonSet:
                    CheckDaemonSet(daemonSet, sink);
                    break;
                case V1ConfigMap configMap:
                    ConfigMapRules.Check(configMap, sink);
                    break;
                case V1ClusterRole or V1ClusterRoleBinding:
                    RbacRules.Check(obj, sink);
                    break;
                case V1Namespace ns:
                    NamespaceRules.Check(ns, sink);
                    break;
                case V1Service service:
                    ServiceRules.Check(service, sink);
                    break;
            }
        }

        HostPortConflictRules.Check(list.OfType<V1DaemonSet>().ToList(), daemonSet => new FindingSink(ObjectRef.Of(daemonSet), findings));
        findings.Sort(Finding.ReportOrder);
        return findings;
    }

    /// <summary>
    /// Validates and throws when any finding is an error; for callers that must not go on (the Pulumi components before
    /// they register anything). Warnings never throw.
    /// </summary>
    /// <returns>The findings (warnings only) when there is no error.</returns>
    /// <exception cref="ManifestValidationException">At least one error; carries every finding, errors first.</exception>
    public static IReadOnlyList<Finding> EnsureValid(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var findings = Validate(objects);
        return findings.Any(finding => finding.Severity == Severity.Error) ? throw new ManifestValidationException(findings) : findings;
    }

    private static void CheckDaemonSet(V1DaemonSet daemonSet, FindingSink sink)
    {
        DaemonSetRules.Check(daemonSet, sink);
        var template = daemonSet.Spec?.Template;
        MetadataRules.CheckLabels(template?.Metadata?.Labels, "spec.template.metadata.labels", sink);
        MetadataRules.CheckAnnotations(template?.Metadata?.Annotations, "spec.template.metadata.annotations", sink);
        if (template?.Spec is { } pod)
        {
            const string podPath = "spec.template.spec";
            PodRules.Check(pod, podPath, sink);
            ContainerRules.Check(pod, podPath, sink);
            VolumeRules.Check(pod, podPath, sink);
            TolerationRules.Check(pod, podPath, isDaemonSet: true, sink);
            AffinityRules.Check(pod, podPath, sink);
            OsPinningRules.Check(pod, podPath, sink);
            ResourceRequestRules.Check(pod, podPath, sink);
            PodDnsRules.Check(pod, podPath, sink);
            VolumeSourceRules.Check(pod, podPath, sink);
            InitContainerRules.Check(pod, podPath, sink);
            PodSecurityContextRules.Check(pod, podPath, sink);
            VirtualNodeRules.Check(pod, podPath, sink);
            HostProcessRules.Check(pod, podPath, sink);
            PodOsRules.Check(pod, podPath, sink);
        }

        RolloutTrapRules.Check(daemonSet, sink);
    }
}
