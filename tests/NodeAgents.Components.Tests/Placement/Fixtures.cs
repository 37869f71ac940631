using k8s.Models;

namespace NodeAgents.Components.Tests.Placement;

/// <summary>Small builders for nodes and DaemonSets, so each test states only what it is about.</summary>
internal static class Fixtures
{
    public static V1Node Node(string name, Dictionary<string, string>? labels = null, IEnumerable<V1Taint>? taints = null,
        string cpu = "4", string memory = "16Gi", string pods = "110", bool unschedulable = false) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" } },
        Spec = new V1NodeSpec { Taints = taints?.ToList(), Unschedulable = unschedulable ? true : null },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new(pods) },
        },
    };

    public static V1Taint Taint(string key, string effect, string? value = null) => new() { Key = key, Effect = effect, Value = value };

    public static V1Toleration Toleration(string? key, string op, string? effect = null, string? value = null) =>
        new() { Key = key, OperatorProperty = op, Effect = effect, Value = value };

    public static V1NodeSelectorRequirement Expression(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values.ToList() };

    public static V1NodeSelectorTerm Term(params V1NodeSelectorRequirement[] expressions) => new() { MatchExpressions = expressions.ToList() };

    public static V1NodeAffinity Required(params V1NodeSelectorTerm[] terms) =>
        new() { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = terms.ToList() } };

    public static V1DaemonSet DaemonSet(string name = "agent", string role = "logging", Dictionary<string, string>? nodeSelector = null,
        V1NodeAffinity? affinity = null, IEnumerable<V1Toleration>? tolerations = null, bool hostNetwork = false, string? nodeName = null,
        string cpu = "100m", string memory = "128Mi", IEnumerable<V1ContainerPort>? ports = null, string? priorityClassName = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "node-agents", Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = role } },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    NodeName = nodeName,
                    NodeSelector = nodeSelector,
                    Affinity = affinity is null ? null : new V1Affinity { NodeAffinity = affinity },
                    Tolerations = tolerations?.ToList(),
                    HostNetwork = hostNetwork ? true : null,
                    PriorityClassName = priorityClassName,
                    Containers =
                    [
                        new V1Container
                        {
                            Name = name,
                            Image = "example/agent:1",
                            Ports = ports?.ToList(),
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
                            },
                        },
                    ],
                },
            },
        },
    };
}
