using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Diff;

/// <summary>
/// The security-relevant changes between two renders: RBAC rules that grant more (a verb on a resource of an API group that
/// no base rule of the same role granted, wildcards <c>*</c> included, as the RBAC authorizer matches them:
/// plugin/pkg/auth/authorizer/rbac/rbac.go, <c>RuleAllows</c>), and per DaemonSet pod template: newly privileged containers,
/// hostPID, hostNetwork, hostIPC switched on, added capabilities, a hostPath newly mounted writable, an image without a digest
/// (when digests are required, e.g. prod), and a tag changed while the digest stayed (the runtime pulls by digest when one is
/// given, so the nodes keep running the old image).
/// </summary>
public static class SecurityChanges
{
    /// <summary>The changes of <paramref name="after"/> against <paramref name="before"/> (objects matched by <see cref="ObjectKey"/>, or as renamed in <paramref name="changes"/>).</summary>
    /// <param name="before">The base objects.</param>
    /// <param name="after">The current objects.</param>
    /// <param name="changes">The object changes (<see cref="ManifestDiff.Compare"/>), for renames.</param>
    /// <param name="requireDigests">Report every current image without a digest (production stacks).</param>
    public static IReadOnlyList<SecurityChange> Compare(IReadOnlyList<JsonObject> before, IReadOnlyList<JsonObject> after, IReadOnlyList<ObjectChange> changes, bool requireDigests)
    {
        var old = before.ToDictionary(ObjectKey.Of);
        var renamedFrom = changes.Where(change => change.RenamedFrom is not null).ToDictionary(change => change.Key, change => change.RenamedFrom!);
        var found = new List<SecurityChange>();
        foreach (var obj in after)
        {
            var key = ObjectKey.Of(obj);
            var previous = old.GetValueOrDefault(renamedFrom.GetValueOrDefault(key) ?? key);
            switch (key.Kind)
            {
                case "ClusterRole" or "Role":
                    Rbac(key, previous, obj, found);
                    break;
                case "DaemonSet":
                    var now = KubernetesJson.Deserialize<V1DaemonSet>(obj.ToJsonString()).Spec?.Template?.Spec;
                    var then = previous is null ? null : KubernetesJson.Deserialize<V1DaemonSet>(previous.ToJsonString()).Spec?.Template?.Spec;
                    if (now is not null)
                    {
                        PodSpec(key, then, now, requireDigests, found);
                    }

                    break;
            }
        }

        return found;
    }

    private static void Rbac(ObjectKey key, JsonObject? before, JsonObject after, List<SecurityChange> found)
    {
        var granted = Grants(before);
        foreach (var grant in Grants(after).Where(grant => !granted.Any(old => Covers(old, grant))).Distinct())
        {
            found.Add(new SecurityChange(key, "rbac-wider", $"grants {grant.Verb} on {(grant.Group.Length == 0 ? "" : grant.Group + "/")}{grant.Resource}{(before is null ? " (new role)" : "")}"));
        }
    }

    private static List<(string Group, string Resource, string Verb)> Grants(JsonObject? role)
    {
        var grants = new List<(string, string, string)>();
        if (role?["rules"] is not JsonArray rules)
        {
            return grants;
        }

        foreach (var rule in rules.OfType<JsonObject>())
        {
            var groups = Strings(rule["apiGroups"]);
            var resources = Strings(rule["resources"]).Concat(Strings(rule["nonResourceURLs"]));
            foreach (var group in groups.DefaultIfEmpty(""))
            {
                foreach (var resource in resources)
                {
                    grants.AddRange(Strings(rule["verbs"]).Select(verb => (group, resource, verb)));
                }
            }
        }

        return grants;
    }

    private static bool Covers((string Group, string Resource, string Verb) old, (string Group, string Resource, string Verb) grant) =>
        Matches(old.Group, grant.Group) && Matches(old.Resource, grant.Resource) && Matches(old.Verb, grant.Verb);

    private static bool Matches(string rule, string requested) => rule == "*" || rule == requested;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray list ? list.OfType<JsonValue>().Select(value => value.ToString()) : [];

    private static void PodSpec(ObjectKey key, V1PodSpec? before, V1PodSpec after, bool requireDigests, List<SecurityChange> found)
    {
        foreach (var (name, now, then) in new[] { ("hostPID", after.HostPID, before?.HostPID), ("hostNetwork", after.HostNetwork, before?.HostNetwork), ("hostIPC", after.HostIPC, before?.HostIPC) })
        {
            if (now == true && then != true)
            {
                found.Add(new SecurityChange(key, name, $"spec.template.spec.{name}: true (the pods share the node's {(name == "hostPID" ? "process" : name == "hostNetwork" ? "network" : "IPC")} namespace)"));
            }
        }

        var oldContainers = (before?.Containers ?? []).Concat(before?.InitContainers ?? []).ToDictionary(container => container.Name, StringComparer.Ordinal);
        foreach (var container in after.Containers.Concat(after.InitContainers ?? []))
        {
            var path = $"containers[{container.Name}]";
            var old = oldContainers.GetValueOrDefault(container.Name);
            if (container.SecurityContext?.Privileged == true && old?.SecurityContext?.Privileged != true)
            {
                found.Add(new SecurityChange(key, "privileged", $"{path}.securityContext.privileged: true (every device and capability of the node)"));
            }

            var added = (container.SecurityContext?.Capabilities?.Add ?? []).Except(old?.SecurityContext?.Capabilities?.Add ?? [], StringComparer.Ordinal).ToList();
            if (added.Count > 0)
            {
                found.Add(new SecurityChange(key, "capability-added", $"{path}.securityContext.capabilities.add: +{string.Join(", +", added)}"));
            }

            Images(key, path, container.Image, old?.Image, requireDigests, found);
        }

        var oldWritable = WritableHostPaths(before);
        foreach (var hostPath in WritableHostPaths(after).Except(oldWritable, StringComparer.Ordinal))
        {
            found.Add(new SecurityChange(key, "writable-hostPath", $"hostPath {hostPath} is now mounted writable"));
        }
    }

    private static void Images(ObjectKey key, string path, string? image, string? oldImage, bool requireDigests, List<SecurityChange> found)
    {
        ImageReference.Check(image ?? "", out var now);
        ImageReference.Check(oldImage ?? "", out var then);
        if (requireDigests && now is { IsPinned: false })
        {
            found.Add(new SecurityChange(key, "image-without-digest", $"{path}.image: {image} has no digest; production images are pinned by digest"));
        }

        if (now is { Digest: { } digest } && then is not null && then.Digest == digest && then.Repository == now.Repository && then.Tag != now.Tag)
        {
            found.Add(new SecurityChange(key, "tag-changed-digest-kept", $"{path}.image: tag {then.Tag} → {now.Tag} but the digest {digest[..19]}… stayed: the nodes keep pulling the old image"));
        }
    }

    /// <summary>The hostPaths some container mounts without readOnly (the path, per volume).</summary>
    private static HashSet<string> WritableHostPaths(V1PodSpec? spec)
    {
        var hostPaths = (spec?.Volumes ?? []).Where(volume => volume.HostPath is not null).ToDictionary(volume => volume.Name, volume => volume.HostPath.Path, StringComparer.Ordinal);
        return (spec?.Containers ?? []).Concat(spec?.InitContainers ?? [])
            .SelectMany(container => container.VolumeMounts ?? [])
            .Where(mount => mount.ReadOnlyProperty != true && hostPaths.ContainsKey(mount.Name))
            .Select(mount => hostPaths[mount.Name])
            .ToHashSet(StringComparer.Ordinal);
    }
}
