using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>Pod-level fields outside containers, volumes and scheduling (k8s.io/kubernetes pkg/apis/core/validation ValidatePodSpec).</summary>
internal static class PodRules
{
    public static readonly ValidationRule PriorityClassName = new("priority-class-name-invalid", Severity.Error, Sources.Core + "ValidatePodSpec (ValidatePriorityClassName: NameIsDNSSubdomain)", "priorityClassName is a DNS-1123 subdomain");

    public static IReadOnlyList<ValidationRule> All { get; } = [PriorityClassName];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        if (!string.IsNullOrEmpty(pod.PriorityClassName) && KubernetesNames.Dns1123Subdomain(pod.PriorityClassName) is { } error)
        {
            sink.Add(PriorityClassName, podPath + ".priorityClassName", pod.PriorityClassName,
                $"priorityClassName {error}; use the name of a PriorityClass such as system-node-critical");
        }
    }
}
