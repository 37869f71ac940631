using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Model;

namespace NodeAgents.Validation;

/// <summary>
/// DaemonSets the API server accepts but whose rollouts or pods break: surge with host ports, hostPaths that must already
/// exist, and selectors on labels that change between releases.
/// </summary>
internal static class RolloutTrapRules
{
    public static readonly ValidationRule SurgeWithHostPort = new("rollout-surge-with-host-port", Severity.Error,
        Sources.DaemonController + "rolling update with surge (kubernetes.io/docs/tasks/manage-daemon/update-daemon-set); k8s.io/kubernetes pkg/scheduler/framework/plugins/nodeports",
        "no maxSurge above zero for pods that bind host ports");
    public static readonly ValidationRule HostPathMustExist = new("host-path-must-exist", Severity.Warning,
        "kubernetes.io/docs/concepts/storage/volumes#hostpath (hostPath type checks); kubelet hostPath type checker",
        "a hostPath of type Directory, File, Socket, CharDevice or BlockDevice exists on every node");
    public static readonly ValidationRule UnstableSelector = new("selector-unstable-label", Severity.Error,
        Sources.Apps + "ValidateDaemonSetUpdate (spec.selector is immutable); kubernetes.io/docs/concepts/overview/working-with-objects/common-labels",
        "the selector uses no label that changes between releases");

    public static IReadOnlyList<ValidationRule> All { get; } = [SurgeWithHostPort, HostPathMustExist, UnstableSelector];

    /// <summary>Label keys whose values change with every release or revision.</summary>
    public static IReadOnlyList<string> UnstableKeys { get; } =
        [AgentLabels.Version, "version", "app.kubernetes.io/revision", "helm.sh/chart", "chart", "release-version", "controller-revision-hash", "pod-template-generation", "pod-template-hash"];

    public static void Check(V1DaemonSet daemonSet, FindingSink sink)
    {
        var spec = daemonSet.Spec;
        var pod = spec?.Template?.Spec;
        if (spec is null || pod is null)
        {
            return;
        }

        CheckSurge(spec.UpdateStrategy, pod, sink);
        CheckHostPaths(pod, sink);
        CheckSelector(spec.Selector, pod, sink);
    }

    private static void CheckSurge(V1DaemonSetUpdateStrategy? strategy, V1PodSpec pod, FindingSink sink)
    {
        if (strategy?.Type is not (null or "" or "RollingUpdate") || strategy?.RollingUpdate?.MaxSurge is not { } surge || IntOrPercent.Value(surge) is null or <= 0)
        {
            return;
        }

        var bound = HostPorts.Of(pod, "spec.template.spec").ToList();
        if (bound.Count == 0)
        {
            return;
        }

        var ports = string.Join(", ", bound.Select(port => $"{port.Port}/{port.Protocol}"));
        var how = pod.HostNetwork == true ? "uses hostNetwork and binds" : "binds host port(s)";
        sink.Add(SurgeWithHostPort, "spec.updateStrategy.rollingUpdate.maxSurge", surge.Value,
            $"the pod {how} {ports}: a surge pod can never start beside the old one on the same node, so the rollout hangs; " +
            "use maxSurge: 0 with maxUnavailable: 1 (or a percentage such as 10%)");
    }

    private static void CheckHostPaths(V1PodSpec pod, FindingSink sink)
    {
        var volumes = pod.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            if (volumes[i].HostPath is { Type: { } type } hostPath && HostPathTypes.MustExist.Contains(type))
            {
                var create = type == HostPathTypes.File ? HostPathTypes.FileOrCreate : type == HostPathTypes.Directory ? HostPathTypes.DirectoryOrCreate : null;
                sink.Add(HostPathMustExist, $"spec.template.spec.volumes[{i}].hostPath.type", type,
                    $"{hostPath.Path} must already exist as a {type} on every node, or the agent's pod fails to start there (ContainerCreating); " +
                    (create is null ? "keep it only if every node has it, or narrow the nodeSelector to nodes that do" : $"use {create} if an empty one is acceptable, or narrow the nodeSelector to nodes that have it"));
            }
        }
    }

    private static void CheckSelector(V1LabelSelector? selector, V1PodSpec pod, FindingSink sink)
    {
        if (selector is null)
        {
            return;
        }

        var tags = (pod.Containers ?? []).Concat(pod.InitContainers ?? [])
            .Select(container => Tag(container.Image))
            .Where(tag => tag is { Length: >= 2 } && tag.Any(char.IsAsciiDigit))
            .Cast<string>()
            .ToList();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (UnstableKeys.Contains(key))
            {
                sink.Add(UnstableSelector, $"spec.selector.matchLabels[{key}]", value,
                    $"'{key}' changes between releases, but a DaemonSet's selector is immutable: the next release cannot be applied; keep only stable labels such as {AgentLabels.Name} and {AgentLabels.Instance} in the selector");
            }
            else if (tags.FirstOrDefault(tag => value.Contains(tag, StringComparison.Ordinal)) is { } tag)
            {
                sink.Add(UnstableSelector, $"spec.selector.matchLabels[{key}]", value,
                    $"the value contains the image tag '{tag}', which changes between releases, but a DaemonSet's selector is immutable; select on a value that stays the same");
            }
        }

        var expressions = selector.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            if (UnstableKeys.Contains(expressions[i].Key))
            {
                sink.Add(UnstableSelector, $"spec.selector.matchExpressions[{i}].key", expressions[i].Key,
                    $"'{expressions[i].Key}' changes between releases, but a DaemonSet's selector is immutable; select on stable labels only");
            }
        }
    }

    private static string? Tag(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return null;
        }

        var withoutDigest = image.Split('@')[0];
        var colon = withoutDigest.LastIndexOf(':');
        return colon > withoutDigest.LastIndexOf('/') ? withoutDigest[(colon + 1)..] : null;
    }
}
