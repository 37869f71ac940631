using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Init containers and probes (k8s.io/kubernetes pkg/apis/core/validation validateInitContainers, validateContainers):
/// an init container without <c>restartPolicy: Always</c> runs to completion, so it may not have a lifecycle or a
/// liveness, readiness or startup probe; <c>restartPolicy</c> on a container is only <c>Always</c> (init containers);
/// a liveness or startup probe's successThreshold is 1.
/// </summary>
internal static class InitContainerRules
{
    public static readonly ValidationRule InitProbe = new("init-container-probe-forbidden", Severity.Error, Sources.Core + "validateInitContainers", "an init container without restartPolicy Always has no lifecycle and no probes");
    public static readonly ValidationRule RestartPolicy = new("container-restart-policy-invalid", Severity.Error, Sources.Core + "validateInitContainers, validateContainers (restartPolicy)", "restartPolicy is only Always, and only on init containers");
    public static readonly ValidationRule SuccessThreshold = new("probe-success-threshold", Severity.Error, Sources.Core + "validateContainers (livenessProbe, startupProbe: successThreshold must be 1)", "a liveness or startup probe's successThreshold is 1");

    public static IReadOnlyList<ValidationRule> All { get; } = [InitProbe, RestartPolicy, SuccessThreshold];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var init = pod.InitContainers ?? [];
        for (var i = 0; i < init.Count; i++)
        {
            var container = init[i];
            var path = $"{podPath}.initContainers[{i}]";
            if (container.RestartPolicy is { } policy && policy != "Always")
            {
                sink.Add(RestartPolicy, path + ".restartPolicy", policy, "supported values: \"Always\" (a sidecar that keeps running)");
            }

            if (container.RestartPolicy == "Always")
            {
                Thresholds(container, path, sink);
                continue;
            }

            foreach (var (field, set) in new[] { ("lifecycle", container.Lifecycle is not null), ("livenessProbe", container.LivenessProbe is not null), ("readinessProbe", container.ReadinessProbe is not null), ("startupProbe", container.StartupProbe is not null) })
            {
                if (set)
                {
                    sink.Add(InitProbe, $"{path}.{field}", null, "may not be set for init containers without restartPolicy=Always");
                }
            }
        }

        var containers = pod.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            var path = $"{podPath}.containers[{i}]";
            if (containers[i].RestartPolicy is { } policy)
            {
                sink.Add(RestartPolicy, path + ".restartPolicy", policy, "may not be set on regular containers; a sidecar that must start first is an init container with restartPolicy: Always");
            }

            Thresholds(containers[i], path, sink);
        }
    }

    private static void Thresholds(V1Container container, string path, FindingSink sink)
    {
        foreach (var (field, probe) in new[] { ("livenessProbe", container.LivenessProbe), ("startupProbe", container.StartupProbe) })
        {
            if (probe?.SuccessThreshold is { } threshold && threshold != 1)
            {
                sink.Add(SuccessThreshold, $"{path}.{field}.successThreshold", threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 1");
            }
        }
    }
}
