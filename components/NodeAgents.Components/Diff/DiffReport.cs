using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodeAgents.Building;

namespace NodeAgents.Diff;

/// <summary>What the current render changes against a base render: the objects, the impact per DaemonSet and the security-relevant changes.</summary>
public sealed class DiffReport
{
    private DiffReport(IReadOnlyList<ObjectChange> changes, IReadOnlyList<DaemonSetImpact> impacts, IReadOnlyList<SecurityChange> security, bool everyAgentRemoved)
    {
        Changes = changes;
        Impacts = impacts;
        Security = security;
        EveryAgentRemoved = everyAgentRemoved;
    }

    /// <summary>The changed objects, ordered by kind, namespace and name.</summary>
    public IReadOnlyList<ObjectChange> Changes { get; }

    /// <summary>One impact per DaemonSet that changed, was added, removed or renamed, or whose Secret changed; ordered by namespace and name.</summary>
    public IReadOnlyList<DaemonSetImpact> Impacts { get; }

    /// <summary>The security-relevant changes.</summary>
    public IReadOnlyList<SecurityChange> Security { get; }

    /// <summary>True when the base deployed agents (DaemonSets) and the current render deploys none.</summary>
    public bool EveryAgentRemoved { get; }

    /// <summary>True when any object differs.</summary>
    public bool HasChanges => Changes.Count > 0;

    /// <summary>Compares <paramref name="after"/> (the current render) with <paramref name="before"/> (the base).</summary>
    /// <param name="before">The base objects as JSON.</param>
    /// <param name="after">The current objects as JSON.</param>
    /// <param name="nodesBefore">Per base DaemonSet, the nodes where the controller creates its pod; null without an inventory.</param>
    /// <param name="nodesAfter">The same for the current DaemonSets.</param>
    /// <param name="requireDigests">Report current images without a digest (production stacks).</param>
    /// <exception cref="ArgumentException">One side holds two objects with the same key.</exception>
    public static DiffReport Build(
        IReadOnlyList<JsonObject> before,
        IReadOnlyList<JsonObject> after,
        IReadOnlyDictionary<ObjectKey, int>? nodesBefore = null,
        IReadOnlyDictionary<ObjectKey, int>? nodesAfter = null,
        bool requireDigests = false)
    {
        var changes = ManifestDiff.Compare(before, after);
        var byKeyBefore = before.ToDictionary(ObjectKey.Of);
        var byKeyAfter = after.ToDictionary(ObjectKey.Of);
        var impacts = new List<DaemonSetImpact>();
        foreach (var change in changes.Where(change => change.Key.Kind == "DaemonSet"))
        {
            var from = change.RenamedFrom ?? change.Key;
            impacts.Add(change.Kind switch
            {
                ChangeKind.Added => new DaemonSetImpact(change.Key, ImpactKind.Created, "new DaemonSet", Count(nodesAfter, change.Key), null, null, 0),
                ChangeKind.Removed => new DaemonSetImpact(change.Key, ImpactKind.Removed, "no longer rendered", Count(nodesBefore, change.Key), null, null, 0),
                ChangeKind.Renamed => new DaemonSetImpact(change.Key, ImpactKind.Replacement, $"renamed from {from}", Count(nodesBefore, from), null, null, 0),
                _ => Changed(change, byKeyAfter[change.Key], changes, Count(nodesAfter, change.Key)),
            });
        }

        // A Secret the pods read changed while their template did not: name it, nothing restarts.
        foreach (var secret in changes.Where(change => change.Key.Kind == "Secret" && change.Kind == ChangeKind.Changed))
        {
            foreach (var (key, obj) in byKeyAfter.Where(pair => pair.Key.Kind == "DaemonSet" && pair.Key.Namespace == secret.Key.Namespace && impacts.All(impact => impact.DaemonSet != pair.Key)))
            {
                if (References(obj, secret.Key.Name))
                {
                    impacts.Add(new DaemonSetImpact(key, ImpactKind.SecretOnly, $"{secret.Key} changed", Count(nodesAfter, key), null, null, 0));
                }
            }
        }

        var daemonSetsBefore = byKeyBefore.Keys.Count(key => key.Kind == "DaemonSet");
        var daemonSetsAfter = byKeyAfter.Keys.Count(key => key.Kind == "DaemonSet");
        return new DiffReport(
            changes,
            [.. impacts.OrderBy(impact => impact.DaemonSet)],
            SecurityChanges.Compare(before, after, changes, requireDigests),
            daemonSetsBefore > 0 && daemonSetsAfter == 0);

        static int? Count(IReadOnlyDictionary<ObjectKey, int>? counts, ObjectKey key) => counts is null ? null : counts.GetValueOrDefault(key);
    }

    private static DaemonSetImpact Changed(ObjectChange change, JsonObject obj, IReadOnlyList<ObjectChange> changes, int? nodes)
    {
        var daemonSet = KubernetesJson.Deserialize<V1DaemonSet>(obj.ToJsonString());
        if (change.Fields.Any(field => field.Path.StartsWith("spec.selector", StringComparison.Ordinal)))
        {
            // spec.selector is immutable (k8s.io/kubernetes pkg/apis/apps/validation/validation.go, ValidateDaemonSetUpdate):
            // the DaemonSet can only be deleted and created again (Pulumi: replaceOnChanges, see docs/pulumi.md).
            return new DaemonSetImpact(change.Key, ImpactKind.Replacement, "spec.selector changed (immutable)", nodes, null, null, 0);
        }

        var template = change.Fields.Where(field => field.Path.StartsWith("spec.template", StringComparison.Ordinal)).ToList();
        if (template.Count == 0)
        {
            return new DaemonSetImpact(change.Key, ImpactKind.NoRestart, string.Join(", ", change.Fields.Select(field => field.Path)), nodes, null, null, 0);
        }

        var checksumPath = $"spec.template.metadata.annotations[{ConfigChecksum.Annotation}]";
        var causes = template.Where(field => field.Path != checksumPath).Select(field => TemplatePath(field.Path)).ToList();
        if (template.Any(field => field.Path == checksumPath))
        {
            var configMaps = changes.Where(other => other.Key.Kind == "ConfigMap" && other.Key.Namespace == change.Key.Namespace && other.Kind == ChangeKind.Changed && References(obj, other.Key.Name)).Select(other => other.Key.ToString());
            causes.Insert(0, $"{string.Join(", ", configMaps.DefaultIfEmpty("its ConfigMap"))} (through {ConfigChecksum.Annotation})");
        }

        var cause = string.Join("; ", causes);
        if (daemonSet.Spec?.UpdateStrategy?.Type == "OnDelete")
        {
            return new DaemonSetImpact(change.Key, ImpactKind.OnDelete, cause, nodes, null, null, 0);
        }

        var (waves, batch) = RolloutWaves.Of(daemonSet, nodes);
        var least = (waves ?? 1) * RolloutWaves.LeastSecondsPerWave(daemonSet);
        return new DaemonSetImpact(change.Key, ImpactKind.RollingRestart, cause, nodes, waves, batch, least);
    }

    /// <summary>A path inside the pod template: <c>containers[x].image</c> for the pod spec, <c>metadata.labels[…]</c> for the template's metadata.</summary>
    private static string TemplatePath(string path) =>
        path.StartsWith("spec.template.spec.", StringComparison.Ordinal) ? path["spec.template.spec.".Length..] : path["spec.template.".Length..];

    /// <summary>True when the DaemonSet's pod template reads the ConfigMap or Secret <paramref name="name"/> (volume, env or envFrom).</summary>
    private static bool References(JsonObject daemonSet, string name)
    {
        var spec = KubernetesJson.Deserialize<V1DaemonSet>(daemonSet.ToJsonString()).Spec?.Template?.Spec;
        if (spec is null)
        {
            return false;
        }

        var volumes = (spec.Volumes ?? []).Any(volume => volume.ConfigMap?.Name == name || volume.Secret?.SecretName == name);
        var containers = spec.Containers.Concat(spec.InitContainers ?? []);
        var env = containers.Any(container =>
            (container.Env ?? []).Any(variable => variable.ValueFrom?.SecretKeyRef?.Name == name || variable.ValueFrom?.ConfigMapKeyRef?.Name == name)
            || (container.EnvFrom ?? []).Any(source => source.SecretRef?.Name == name || source.ConfigMapRef?.Name == name));
        return volumes || env;
    }
}
