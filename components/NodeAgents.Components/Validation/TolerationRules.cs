using System.Globalization;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Tolerations: the API's rules (k8s.io/kubernetes pkg/apis/core/validation validateTolerations) and three lints for
/// DaemonSets (k8s.io/kubernetes pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations).
/// </summary>
internal static class TolerationRules
{
    private const string Validate = Sources.Core + "validateTolerations";
    private const string Controller = Sources.DaemonController + "util AddOrUpdateDaemonPodTolerations";

    public static readonly ValidationRule Key = new("toleration-key-invalid", Severity.Error, Validate + " (ValidateLabelName)", "a toleration key is a valid label name");
    public static readonly ValidationRule EmptyKey = new("toleration-empty-key-operator", Severity.Error, Validate, "an empty key only with operator Exists");
    public static readonly ValidationRule ExistsValue = new("toleration-exists-with-value", Severity.Error, Validate, "operator Exists carries no value");
    public static readonly ValidationRule Value = new("toleration-value-invalid", Severity.Error, Validate + " (IsValidLabelValue)", "an Equal toleration's value is a valid label value");
    public static readonly ValidationRule Operator = new("toleration-operator-invalid", Severity.Error, Validate, "operator is Equal (or empty) or Exists");
    public static readonly ValidationRule SecondsEffect = new("toleration-seconds-without-no-execute", Severity.Error, Validate, "tolerationSeconds only with effect NoExecute");
    public static readonly ValidationRule Effect = new("toleration-effect-invalid", Severity.Error, Validate + " (validateTaintEffect)", "effect is empty, NoSchedule, PreferNoSchedule or NoExecute");
    public static readonly ValidationRule AddedByController = new("toleration-added-by-controller", Severity.Warning, Controller, "no toleration the DaemonSet controller adds by itself");
    public static readonly ValidationRule SecondsOnDaemonSet = new("toleration-seconds-on-daemonset", Severity.Warning, Controller + "; kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration (taint based evictions)", "no tolerationSeconds on a DaemonSet's NoExecute toleration");
    public static readonly ValidationRule BareExists = new("toleration-exists-tolerates-no-execute", Severity.Warning, "kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration (an empty key with operator Exists matches all keys, values and effects)", "a bare operator: Exists also tolerates NoExecute; say so explicitly");

    public static IReadOnlyList<ValidationRule> All { get; } =
        [Key, EmptyKey, ExistsValue, Value, Operator, SecondsEffect, Effect, AddedByController, SecondsOnDaemonSet, BareExists];

    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>The tolerations the DaemonSet controller adds to every DaemonSet pod: key → effect.</summary>
    private static readonly (string Key, string Effect)[] ControllerAdded =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    /// <summary>Added by the controller only to pods with host networking.</summary>
    private const string NetworkUnavailable = "node.kubernetes.io/network-unavailable";

    public static void Check(V1PodSpec pod, string podPath, bool isDaemonSet, FindingSink sink)
    {
        var tolerations = pod.Tolerations ?? [];
        for (var i = 0; i < tolerations.Count; i++)
        {
            var toleration = tolerations[i];
            var path = $"{podPath}.tolerations[{i}]";
            CheckApi(toleration, path, sink);
            if (isDaemonSet)
            {
                Lint(toleration, path, pod.HostNetwork == true, sink);
            }
        }
    }

    private static void CheckApi(V1Toleration toleration, string path, FindingSink sink)
    {
        var key = toleration.Key ?? "";
        var op = toleration.OperatorProperty ?? "";
        if (key.Length > 0 && KubernetesNames.QualifiedName(key) is { } keyError)
        {
            sink.Add(Key, path + ".key", key, "toleration key " + keyError);
        }

        if (key.Length == 0 && op != "Exists")
        {
            sink.Add(EmptyKey, path + ".operator", op.Length == 0 ? "Equal" : op, "operator must be Exists when key is empty, which means \"match all values and all keys\"; give a key or use operator: Exists");
        }

        if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
        {
            sink.Add(SecondsEffect, path + ".effect", toleration.Effect ?? "", "effect must be NoExecute when tolerationSeconds is set");
        }

        switch (op)
        {
            case "" or "Equal":
                if (KubernetesNames.LabelValue(toleration.Value) is { } valueError)
                {
                    sink.Add(Value, path + ".value", toleration.Value, "toleration value " + valueError);
                }

                break;
            case "Exists":
                if (!string.IsNullOrEmpty(toleration.Value))
                {
                    sink.Add(ExistsValue, path + ".value", toleration.Value, "value must be empty when operator is Exists; drop the value or use operator: Equal");
                }

                break;
            default:
                sink.Add(Operator, path + ".operator", op, "supported values: \"Equal\", \"Exists\"");
                break;
        }

        if (!string.IsNullOrEmpty(toleration.Effect) && !Effects.Contains(toleration.Effect))
        {
            sink.Add(Effect, path + ".effect", toleration.Effect, "supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\" (or empty for all effects)");
        }
    }

    private static void Lint(V1Toleration toleration, string path, bool hostNetwork, FindingSink sink)
    {
        var key = toleration.Key ?? "";
        var addedEffect = ControllerAdded.Where(added => added.Key == key).Select(added => added.Effect).FirstOrDefault()
            ?? (hostNetwork && key == NetworkUnavailable ? "NoSchedule" : null);
        if (addedEffect is not null && toleration.OperatorProperty == "Exists" && toleration.TolerationSeconds is null &&
            (toleration.Effect is null or "" || toleration.Effect == addedEffect))
        {
            sink.Add(AddedByController, path, $"{key}:{addedEffect}", $"the DaemonSet controller adds the toleration {key} Exists {addedEffect} to every DaemonSet pod by itself; remove this one");
        }

        if (toleration.Effect == "NoExecute" && toleration.TolerationSeconds is { } seconds)
        {
            sink.Add(SecondsOnDaemonSet, path + ".tolerationSeconds", seconds.ToString(CultureInfo.InvariantCulture),
                $"the taint manager evicts the agent {seconds}s after a matching NoExecute taint appears, while the DaemonSet controller still counts the taint as tolerated and recreates the pod, so the agent flaps on that node; drop tolerationSeconds");
        }

        if (key.Length == 0 && toleration.OperatorProperty == "Exists" && string.IsNullOrEmpty(toleration.Effect))
        {
            sink.Add(BareExists, path, "operator: Exists",
                "a bare operator: Exists also tolerates NoExecute taints, so the agent stays on nodes being emptied by one; if that is meant, " +
                "say so with one keyless Exists toleration per effect (NoSchedule, PreferNoSchedule, NoExecute), otherwise list only NoSchedule and PreferNoSchedule");
        }
    }
}
