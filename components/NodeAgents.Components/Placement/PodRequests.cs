using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// The resources a pod asks the scheduler for, computed as k8s.io/component-helpers <c>resource.PodRequests</c> does
/// (and the NodeResourcesFit plugin uses): the sum over <c>containers</c>; restartable init containers (sidecars,
/// <c>restartPolicy: Always</c>) add to that sum; every other init container needs its own request plus the sidecars
/// started before it; the pod needs the larger of the two, per resource; then <c>overhead</c> is added. A container that
/// sets a limit but no request requests its limit (API defaulting). One pod slot.
/// </summary>
public static class PodRequests
{
    /// <summary>The requests of <paramref name="pod"/>: CPU in millicores, memory in bytes, <c>Pods = 1</c>.</summary>
    /// <exception cref="ArgumentException">
    /// A container's cpu or memory request (or the limit standing in for it) or an overhead breaks <see cref="QuantityRules"/>
    /// (negative, or too large to count in millicores/bytes); the message names the container, the field and the rule.
    /// </exception>
    public static ResourceAmounts Of(V1PodSpec pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var problems = Problems(pod).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        return Combine(
            [.. (pod.Containers ?? []).Select(Of)],
            [.. (pod.InitContainers ?? []).Select(container => (Of(container), container.RestartPolicy == "Always"))],
            ResourceAmounts.From(pod.Overhead));
    }

    /// <summary>
    /// The pod's requests from its containers' own amounts (each container's request, else its limit; CPU in millicores,
    /// memory in bytes): the sum of <paramref name="containers"/> and the sidecars (<c>restartPolicy: Always</c> init
    /// containers), or the most any init container needs next to the sidecars started before it, whichever is larger per
    /// resource, plus <paramref name="overhead"/>; one pod slot.
    /// </summary>
    internal static ResourceAmounts Combine(IReadOnlyList<ResourceAmounts> containers, IReadOnlyList<(ResourceAmounts Own, bool Sidecar)> initContainers, ResourceAmounts overhead)
    {
        var sum = ResourceAmounts.Zero;
        foreach (var container in containers)
        {
            sum += container;
        }

        var sidecars = ResourceAmounts.Zero;
        var init = ResourceAmounts.Zero;
        foreach (var (own, sidecar) in initContainers)
        {
            if (sidecar)
            {
                sidecars += own;
                init = ResourceAmounts.Max(init, sidecars);
            }
            else
            {
                init = ResourceAmounts.Max(init, own + sidecars);
            }
        }

        var total = ResourceAmounts.Max(sum + sidecars, init) + overhead;
        return total with { Pods = 1 };
    }

    private static IEnumerable<string> Problems(V1PodSpec pod)
    {
        foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers ?? []))
        {
            foreach (var (field, list) in new[] { ("requests", container.Resources?.Requests), ("limits", container.Resources?.Limits) })
            {
                foreach (var (name, quantity) in list ?? new Dictionary<string, ResourceQuantity>())
                {
                    if (name is "cpu" or "memory" && quantity is not null && QuantityRules.Problem(name, quantity) is { } problem)
                    {
                        yield return $"container {container.Name}: resources.{field}.{name}: {problem}";
                    }
                }
            }
        }

        foreach (var (name, quantity) in pod.Overhead ?? new Dictionary<string, ResourceQuantity>())
        {
            if (name is "cpu" or "memory" && quantity is not null && QuantityRules.Problem(name, quantity) is { } problem)
            {
                yield return $"overhead.{name}: {problem}";
            }
        }
    }

    private static ResourceAmounts Of(V1Container container)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        var effective = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        foreach (var name in new[] { "cpu", "memory" })
        {
            if (requests is not null && requests.TryGetValue(name, out var request))
            {
                effective[name] = request;
            }
            else if (limits is not null && limits.TryGetValue(name, out var limit))
            {
                effective[name] = limit;
            }
        }

        return ResourceAmounts.From(effective) with { Pods = 0 };
    }
}
