using k8s.Models;

namespace NodeAgents.Presets;

/// <summary>Small shared pieces of the presets.</summary>
internal static class PresetDefaults
{
    public static SortedDictionary<string, string> LinuxOnly() => new(StringComparer.Ordinal) { ["kubernetes.io/os"] = "linux" };

    /// <summary>
    /// Required node affinity that keeps an agent off nodes where a node agent cannot or must not run: virtual-kubelet
    /// nodes (<c>type=virtual-kubelet</c>, e.g. AKS virtual nodes), EKS Fargate nodes
    /// (<c>eks.amazonaws.com/compute-type=fargate</c>, as EKS's own DaemonSets do) and nodes labelled
    /// <c>node-agents.io/opt-out</c>. NotIn and DoesNotExist match nodes without the label, so ordinary nodes are unaffected;
    /// the same nodes are the coverage policy's default exclusions.
    /// </summary>
    public static V1NodeAffinity AvoidVirtualAndOptedOutNodes() => new()
    {
        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
        {
            NodeSelectorTerms =
            [
                new V1NodeSelectorTerm
                {
                    MatchExpressions =
                    [
                        new V1NodeSelectorRequirement { Key = "type", OperatorProperty = "NotIn", Values = ["virtual-kubelet"] },
                        new V1NodeSelectorRequirement { Key = "eks.amazonaws.com/compute-type", OperatorProperty = "NotIn", Values = ["fargate"] },
                        new V1NodeSelectorRequirement { Key = OptOutLabel, OperatorProperty = "DoesNotExist" },
                    ],
                },
            ],
        },
    };

    /// <summary>The label a node carries to opt out of every node agent.</summary>
    public const string OptOutLabel = "node-agents.io/opt-out";

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
