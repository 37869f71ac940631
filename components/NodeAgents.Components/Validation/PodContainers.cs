using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>Every container of a pod (init containers first) with its field path.</summary>
internal static class PodContainers
{
    public static IEnumerable<(V1Container Container, string Path)> All(V1PodSpec pod, string podPath)
    {
        var init = pod.InitContainers ?? [];
        for (var i = 0; i < init.Count; i++)
        {
            yield return (init[i], $"{podPath}.initContainers[{i}]");
        }

        var containers = pod.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            yield return (containers[i], $"{podPath}.containers[{i}]");
        }
    }
}
