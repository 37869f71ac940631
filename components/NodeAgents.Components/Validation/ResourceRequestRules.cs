using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Whether each long-running container of an agent (every container, and every sidecar: an init container with
/// <c>restartPolicy: Always</c>) requests cpu and memory. A missing request counts as 0 for the scheduler's fit and for
/// <c>plan</c> (k8s.io/component-helpers <c>resource.PodRequests</c>), so the agent's cost is invisible and a full node
/// still takes it; and under memory pressure the kubelet evicts first the pods whose memory usage exceeds their requests
/// (kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction, "Pod selection for kubelet eviction"; cpu is
/// not an eviction signal). A limit alone is enough: the API copies it into the missing request of each pod it creates
/// (k8s.io/kubernetes <c>pkg/apis/core/v1/defaults.go</c> <c>SetDefaults_Pod</c>). A request of 0 counts as unset, as
/// does a limit of 0 where no request is set: like QoS (k8s.io/kubernetes <c>pkg/apis/core/v1/helper/qos</c>), only
/// amounts above zero count.
/// </summary>
internal static class ResourceRequestRules
{
    public static readonly ValidationRule Unset = new("container-requests-unset", Severity.Warning,
        "kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction (Pod selection for kubelet eviction); k8s.io/kubernetes pkg/apis/core/v1/defaults.go SetDefaults_Pod (a limit defaults the missing request)",
        "every container and sidecar requests cpu and memory (or sets a limit, which the API copies into the request)");

    public static IReadOnlyList<ValidationRule> All { get; } = [Unset];

    private static readonly string[] Resources = ["cpu", "memory"];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        foreach (var (container, path) in PodContainers.All(pod, podPath))
        {
            var isInit = path.StartsWith(podPath + ".initContainers[", StringComparison.Ordinal);
            if (isInit && container.RestartPolicy != "Always")
            {
                continue; // a run-to-completion init container: done before the agent runs
            }

            var missing = Resources.Where(resource => !Counts(container.Resources, resource)).ToList();
            if (missing.Count > 0)
            {
                var what = string.Join(" or ", missing);
                var counted = string.Join(" and ", missing);
                var eviction = missing.Contains("memory")
                    ? ", and under memory pressure the kubelet evicts first the pods using more memory than they request"
                    : "";
                sink.Add(Unset, path + ".resources.requests", null,
                    $"{(isInit ? "sidecar" : "container")} '{container.Name}' requests no {what} (no request above 0, nor a limit above 0 the API would copy into a missing request): " +
                    $"the scheduler and plan count its {counted} as 0, so its cost is invisible and a full node still takes it{eviction}; set resources.requests above 0");
            }
        }
    }

    /// <summary>
    /// Whether the amount the scheduler counts for <paramref name="resource"/> is above zero: the request, else the limit the
    /// API copies into it. A quantity too large for a decimal is the range rule's error and counts as set here.
    /// </summary>
    private static bool Counts(V1ResourceRequirements? resources, string resource)
    {
        var quantity = resources?.Requests is { } requests && requests.TryGetValue(resource, out var request) ? request
            : resources?.Limits is { } limits && limits.TryGetValue(resource, out var limit) ? limit
            : null;
        return quantity is not null && ContainerRules.Amount(quantity) is null or > 0;
    }
}
