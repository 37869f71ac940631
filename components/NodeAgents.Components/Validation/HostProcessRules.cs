using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Windows HostProcess pods (k8s.io/kubernetes pkg/apis/core/validation validateWindowsHostProcessPod): a container's
/// <c>windowsOptions.hostProcess</c> must equal the pod's when both are set; a container without one inherits the
/// pod's; when any container (init containers included) is HostProcess, every container must be, and the pod must use
/// the host network.
/// </summary>
internal static class HostProcessRules
{
    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var podHostProcess = pod.SecurityContext?.WindowsOptions?.HostProcess;
        var containers = 0;
        var hostProcess = 0;
        foreach (var (container, path) in PodContainers.All(pod, podPath))
        {
            containers++;
            var own = container.SecurityContext?.WindowsOptions?.HostProcess;
            if (podHostProcess is { } podValue && own is { } ownValue && podValue != ownValue)
            {
                sink.Add(Mismatch, path + ".securityContext.windowsOptions.hostProcess", ownValue ? "true" : "false", $"pod hostProcess value must be identical if both are specified, was {(podValue ? "true" : "false")}");
            }

            if (own ?? podHostProcess ?? false)
            {
                hostProcess++;
            }
        }

        if (hostProcess == 0)
        {
            return;
        }

        if (hostProcess != containers)
        {
            sink.Add(Mismatch, podPath, null, "If pod contains any hostProcess containers then all containers must be HostProcess containers");
        }

        if (pod.HostNetwork != true)
        {
            sink.Add(HostNetwork, podPath + ".hostNetwork", "false", "hostNetwork must be true if pod contains any hostProcess containers");
        }
    }

    public static readonly ValidationRule Mismatch = new("host-process-mismatch", Severity.Error, Sources.Core + "validateWindowsHostProcessPod", "a container's hostProcess equals the pod's when both are set, and all containers are HostProcess or none");
    public static readonly ValidationRule HostNetwork = new("host-process-host-network", Severity.Error, Sources.Core + "validateWindowsHostProcessPod", "a pod with HostProcess containers uses hostNetwork");

    public static IReadOnlyList<ValidationRule> All { get; } = [Mismatch, HostNetwork];
}
