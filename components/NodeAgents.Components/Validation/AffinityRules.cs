using System.Globalization;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Node selection: nodeSelector labels and node affinity (k8s.io/kubernetes pkg/apis/core/validation ValidateNodeSelector,
/// ValidateNodeSelectorRequirement, ValidatePreferredSchedulingTerms).
/// </summary>
internal static class AffinityRules
{
    private const string Requirement = Sources.Core + "ValidateNodeSelectorRequirement";

    public static readonly ValidationRule NodeSelectorLabel = new("node-selector-label-invalid", Severity.Error, Sources.Core + "ValidatePodSpec (ValidateLabels of nodeSelector)", "nodeSelector keys and values are valid labels");
    public static readonly ValidationRule TermsEmpty = new("affinity-required-terms-empty", Severity.Error, Sources.Core + "ValidateNodeSelector", "requiredDuringScheduling has at least one nodeSelectorTerm");
    public static readonly ValidationRule Key = new("affinity-key-invalid", Severity.Error, Requirement + " (ValidateLabelName)", "a match expression's key is a valid label name");
    public static readonly ValidationRule Operator = new("affinity-operator-invalid", Severity.Error, Requirement, "operator is In, NotIn, Exists, DoesNotExist, Gt or Lt");
    public static readonly ValidationRule ValuesRequired = new("affinity-values-required", Severity.Error, Requirement, "In and NotIn need at least one value");
    public static readonly ValidationRule ValuesForbidden = new("affinity-values-forbidden", Severity.Error, Requirement, "Exists and DoesNotExist take no values");
    public static readonly ValidationRule GtLtValue = new("affinity-gt-lt-value", Severity.Error, Requirement, "Gt and Lt take exactly one value");
    public static readonly ValidationRule ValueInvalid = new("affinity-value-invalid", Severity.Error, Requirement + " (IsValidLabelValue of each value of a required term, unless the old object already had one: AllowInvalidLabelValueInRequiredNodeAffinity)", "the values of a required match expression are valid label values");
    public static readonly ValidationRule Unparseable = new("affinity-requirement-unparseable", Severity.Warning, "k8s.io/apimachinery pkg/labels/selector.go NewRequirement, called by k8s.io/component-helpers scheduling/corev1/nodeaffinity (the scheduler and the DaemonSet controller)", "every match expression parses as the scheduler parses it (Gt/Lt: an integer, strconv.ParseInt; values: label values); one that does not makes its whole term match no node, although the API server accepts it");
    public static readonly ValidationRule MatchFields = new("affinity-match-fields-invalid", Severity.Error, Sources.Core + "ValidateNodeFieldSelectorRequirement", "matchFields select metadata.name with In or NotIn and exactly one value");
    public static readonly ValidationRule EmptyTerm = new("affinity-term-empty", Severity.Warning, "k8s.io/component-helpers scheduling/corev1/nodeaffinity (an empty nodeSelectorTerm matches no node)", "every nodeSelectorTerm has at least one requirement");
    public static readonly ValidationRule Weight = new("affinity-weight-range", Severity.Error, Sources.Core + "ValidatePreferredSchedulingTerms", "preferred term weights are 1 to 100");

    public static IReadOnlyList<ValidationRule> All { get; } = [NodeSelectorLabel, TermsEmpty, Key, Operator, ValuesRequired, ValuesForbidden, GtLtValue, ValueInvalid, Unparseable, MatchFields, EmptyTerm, Weight];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        foreach (var (key, value) in pod.NodeSelector ?? new Dictionary<string, string>())
        {
            var path = $"{podPath}.nodeSelector[{key}]";
            if (KubernetesNames.QualifiedName(key) is { } keyError)
            {
                sink.Add(NodeSelectorLabel, path, key, "nodeSelector key " + keyError);
            }

            if (KubernetesNames.LabelValue(value) is { } valueError)
            {
                sink.Add(NodeSelectorLabel, path, value, "nodeSelector value " + valueError);
            }
        }

        var affinity = pod.Affinity?.NodeAffinity;
        if (affinity is null)
        {
            return;
        }

        var affinityPath = podPath + ".affinity.nodeAffinity";
        if (affinity.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            var requiredPath = affinityPath + ".requiredDuringSchedulingIgnoredDuringExecution";
            var terms = required.NodeSelectorTerms ?? [];
            if (terms.Count == 0)
            {
                sink.Add(TermsEmpty, requiredPath + ".nodeSelectorTerms", null, "must have at least one node selector term; remove requiredDuringSchedulingIgnoredDuringExecution to select every node");
            }

            for (var i = 0; i < terms.Count; i++)
            {
                CheckTerm(terms[i], $"{requiredPath}.nodeSelectorTerms[{i}]", sink, required: true);
            }
        }

        var preferred = affinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
        for (var i = 0; i < preferred.Count; i++)
        {
            var path = $"{affinityPath}.preferredDuringSchedulingIgnoredDuringExecution[{i}]";
            if (preferred[i].Weight is < 1 or > 100)
            {
                sink.Add(Weight, path + ".weight", preferred[i].Weight.ToString(CultureInfo.InvariantCulture), "must be in the range 1-100");
            }

            if (preferred[i].Preference is { } preference)
            {
                CheckTerm(preference, path + ".preference", sink, required: false);
            }
        }
    }

    private static void CheckTerm(V1NodeSelectorTerm term, string path, FindingSink sink, bool required)
    {
        if ((term.MatchExpressions?.Count ?? 0) == 0 && (term.MatchFields?.Count ?? 0) == 0)
        {
            sink.Add(EmptyTerm, path, null, "a nodeSelectorTerm without matchExpressions or matchFields matches no node; add a requirement or remove the term");
        }

        var expressions = term.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            CheckRequirement(expressions[i], $"{path}.matchExpressions[{i}]", sink, required);
        }

        var fields = term.MatchFields ?? [];
        for (var i = 0; i < fields.Count; i++)
        {
            CheckField(fields[i], $"{path}.matchFields[{i}]", sink);
        }
    }

    private static void CheckField(V1NodeSelectorRequirement requirement, string path, FindingSink sink)
    {
        if (requirement.Key != "metadata.name")
        {
            sink.Add(MatchFields, path + ".key", requirement.Key, "not a valid field selector key; matchFields select only metadata.name");
        }

        if (requirement.OperatorProperty is not ("In" or "NotIn"))
        {
            sink.Add(MatchFields, path + ".operator", requirement.OperatorProperty, "matchFields take only In or NotIn");
        }
        else if ((requirement.Values?.Count ?? 0) != 1)
        {
            sink.Add(MatchFields, path + ".values", string.Join(",", requirement.Values ?? []), "must be only one value when operator is 'In' or 'NotIn' for node field selector");
        }
    }

    private static void CheckRequirement(V1NodeSelectorRequirement requirement, string path, FindingSink sink, bool required)
    {
        var values = requirement.Values ?? [];
        switch (requirement.OperatorProperty)
        {
            case "In" or "NotIn":
                if (values.Count == 0)
                {
                    sink.Add(ValuesRequired, path + ".values", null, $"must be specified when operator is '{requirement.OperatorProperty}'");
                }

                break;
            case "Exists" or "DoesNotExist":
                if (values.Count > 0)
                {
                    sink.Add(ValuesForbidden, path + ".values", string.Join(",", values), $"may not be specified when operator is '{requirement.OperatorProperty}'; remove the values");
                }

                break;
            case "Gt" or "Lt":
                if (values.Count != 1)
                {
                    sink.Add(GtLtValue, path + ".values", string.Join(",", values), $"must be specified single value when operator is '{requirement.OperatorProperty}'");
                }
                else if (!Placement.NodeSelectorRequirementMatch.IsInteger(values[0]))
                {
                    sink.Add(Unparseable, path + ".values[0]", values[0], $"for 'Gt', 'Lt' operators, the value must be an integer: the scheduler and the DaemonSet controller match this term against no node");
                }

                break;
            default:
                sink.Add(Operator, path + ".operator", requirement.OperatorProperty ?? "", "supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\", \"Gt\", \"Lt\"");
                break;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (KubernetesNames.LabelValue(values[i]) is { } valueError)
            {
                // A required term's value is rejected by the API server for a new object; a preferred term's is accepted,
                // but the scheduler cannot parse it either.
                sink.Add(required ? ValueInvalid : Unparseable, $"{path}.values[{i}]", values[i], "value " + valueError + (required ? "" : ": the scheduler ignores this preferred term"));
            }
        }

        if (KubernetesNames.QualifiedName(requirement.Key) is { } keyError)
        {
            sink.Add(Key, path + ".key", requirement.Key, "key " + keyError);
        }
    }
}
