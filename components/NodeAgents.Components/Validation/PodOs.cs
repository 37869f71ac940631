using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>Which operating system a pod is for: its <c>spec.os.name</c>, else what its node selection admits.</summary>
internal static class PodOs
{
    /// <summary>The value of <c>spec.os.name</c> (and of the node label <c>kubernetes.io/os</c>) for Windows.</summary>
    public const string Windows = "windows";

    /// <summary>The value of <c>spec.os.name</c> for Linux.</summary>
    public const string Linux = "linux";

    /// <summary>
    /// True when the pod runs only on Windows nodes: <c>spec.os.name: windows</c>, or node selection that admits no other
    /// system (nodeSelector <c>kubernetes.io/os: windows</c>, or every required node-affinity term requiring
    /// <c>kubernetes.io/os In [windows]</c>).
    /// </summary>
    public static bool TargetsWindows(V1PodSpec pod) => pod.Os?.Name == Windows || SelectsOnlyWindowsNodes(pod);

    /// <summary>True when the pod's node selection admits Windows nodes only, whatever its <c>spec.os</c>.</summary>
    public static bool SelectsOnlyWindowsNodes(V1PodSpec pod)
    {
        if (pod.NodeSelector?.TryGetValue(OsPinningRules.OsLabel, out var os) == true)
        {
            return os == Windows;
        }

        var terms = pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
        return terms.Count > 0 && terms.All(term => (term.MatchExpressions ?? []).Any(requirement =>
            requirement.Key == OsPinningRules.OsLabel && requirement.OperatorProperty == "In" && requirement.Values is { Count: > 0 } values && values.All(value => value == Windows)));
    }

    /// <summary>
    /// True when <paramref name="path"/> is an absolute path on the node: <c>/…</c>, or on a Windows pod also a drive path
    /// such as <c>C:\var\log</c> (the kubelet on Windows takes both separators).
    /// </summary>
    public static bool IsAbsoluteNodePath(string path, bool windows) =>
        path.StartsWith('/') || (windows && path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/');

    /// <summary>The elements of a node path: split at <c>/</c>, and on a Windows pod at <c>\</c> too.</summary>
    public static string[] PathElements(string path, bool windows) => windows ? path.Split('/', '\\') : path.Split('/');
}
