using k8s.Models;

namespace NodeAgents.Presets;

/// <summary>Small shared pieces of the presets.</summary>
internal static class PresetDefaults
{
    public static SortedDictionary<string, string> LinuxOnly() => new(StringComparer.Ordinal) { ["kubernetes.io/os"] = "linux" };

    public static V1EnvVar FieldRef(string name, string fieldPath) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } } };

    public static V1ResourceRequirements Resources(string cpuRequest, string memoryRequest, string? cpuLimit, string memoryLimit)
    {
        var limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(memoryLimit) };
        if (cpuLimit is not null)
        {
            limits["cpu"] = new ResourceQuantity(cpuLimit);
        }

        return new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest), ["memory"] = new(memoryRequest) },
            Limits = limits,
        };
    }

    public static V1Probe HttpProbe(string path, IntOrString port, int periodSeconds, int initialDelaySeconds = 0, string? host = null) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port, Host = host },
        InitialDelaySeconds = initialDelaySeconds == 0 ? null : initialDelaySeconds,
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 5,
        FailureThreshold = 3,
    };
}
