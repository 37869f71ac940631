using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// The DaemonSet's own fields (k8s.io/kubernetes pkg/apis/apps/validation ValidateDaemonSetSpec,
/// ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet), with the defaults of the apps/v1 API applied first
/// (type RollingUpdate, maxUnavailable 1, maxSurge 0).
/// </summary>
internal static class DaemonSetRules
{
    private const string RollingUpdateFn = "ValidateRollingUpdateDaemonSet";

    public static readonly ValidationRule SelectorEmpty = new("daemonset-selector-empty", Severity.Error, Sources.Apps + "ValidateDaemonSetSpec", "spec.selector is not empty");
    public static readonly ValidationRule SelectorMismatch = new("daemonset-selector-mismatch", Severity.Error, Sources.Apps + "ValidateDaemonSetSpec", "spec.selector matches spec.template.metadata.labels");
    public static readonly ValidationRule RestartPolicy = new("daemonset-restart-policy", Severity.Error, Sources.Apps + "ValidateDaemonSetSpec", "the pod template's restartPolicy is Always");
    public static readonly ValidationRule ActiveDeadline = new("daemonset-active-deadline", Severity.Error, Sources.Apps + "ValidateDaemonSetSpec", "the pod template sets no activeDeadlineSeconds");
    public static readonly ValidationRule MinReadySeconds = new("daemonset-min-ready-seconds-negative", Severity.Error, Sources.Apps + "ValidateDaemonSetSpec (ValidateNonnegativeField)", "minReadySeconds is not negative");
    public static readonly ValidationRule RevisionHistoryLimit = new("daemonset-revision-history-limit-negative", Severity.Error, Sources.Apps + "ValidateDaemonSetSpec (ValidateNonnegativeField)", "revisionHistoryLimit is not negative");
    public static readonly ValidationRule StrategyType = new("daemonset-strategy-type", Severity.Error, Sources.Apps + "ValidateDaemonSetUpdateStrategy", "updateStrategy.type is RollingUpdate or OnDelete");
    public static readonly ValidationRule RollingUpdateValue = new("daemonset-rolling-update-value", Severity.Error, Sources.Apps + RollingUpdateFn + " (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent)", "maxUnavailable and maxSurge are non-negative integers or percentages up to 100%");
    public static readonly ValidationRule SurgeAndUnavailable = new("daemonset-surge-and-unavailable", Severity.Error, Sources.Apps + RollingUpdateFn, "maxSurge and maxUnavailable are not both non-zero");
    public static readonly ValidationRule BothZero = new("daemonset-surge-and-unavailable-zero", Severity.Error, Sources.Apps + RollingUpdateFn, "maxSurge and maxUnavailable are not both zero");

    public static IReadOnlyList<ValidationRule> All { get; } =
        [SelectorEmpty, SelectorMismatch, RestartPolicy, ActiveDeadline, MinReadySeconds, RevisionHistoryLimit, StrategyType, RollingUpdateValue, SurgeAndUnavailable, BothZero];

    public static void Check(V1DaemonSet daemonSet, FindingSink sink)
    {
        var spec = daemonSet.Spec;
        if (spec is null)
        {
            sink.Add(SelectorEmpty, "spec", null, "a DaemonSet needs a spec with a selector and a pod template");
            return;
        }

        var templateLabels = spec.Template?.Metadata?.Labels;
        if (LabelSelectors.IsEmpty(spec.Selector))
        {
            sink.Add(SelectorEmpty, "spec.selector", null, "empty selector is invalid for a DaemonSet; select the pods by stable labels such as app.kubernetes.io/name and app.kubernetes.io/instance");
        }
        else
        {
            MetadataRules.CheckLabels(spec.Selector.MatchLabels, "spec.selector.matchLabels", sink);
            if (!LabelSelectors.Matches(spec.Selector, templateLabels))
            {
                sink.Add(SelectorMismatch, "spec.template.metadata.labels", Describe(templateLabels), "selector does not match template labels; every selector label must appear on the pod template with the same value");
            }
        }

        var pod = spec.Template?.Spec;
        if (pod?.RestartPolicy is { } restart && restart != "Always")
        {
            sink.Add(RestartPolicy, "spec.template.spec.restartPolicy", restart, "a DaemonSet's pods must have restartPolicy Always (or leave it unset)");
        }

        if (pod?.ActiveDeadlineSeconds is { } deadline)
        {
            sink.Add(ActiveDeadline, "spec.template.spec.activeDeadlineSeconds", deadline.ToString(System.Globalization.CultureInfo.InvariantCulture), "activeDeadlineSeconds must not be set on a DaemonSet's pods");
        }

        if (spec.MinReadySeconds is < 0)
        {
            sink.Add(MinReadySeconds, "spec.minReadySeconds", spec.MinReadySeconds.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0");
        }

        if (spec.RevisionHistoryLimit is < 0)
        {
            sink.Add(RevisionHistoryLimit, "spec.revisionHistoryLimit", spec.RevisionHistoryLimit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0 (0 keeps no old revisions)");
        }

        CheckStrategy(spec.UpdateStrategy, sink);
    }

    private static void CheckStrategy(V1DaemonSetUpdateStrategy? strategy, FindingSink sink)
    {
        var type = string.IsNullOrEmpty(strategy?.Type) ? "RollingUpdate" : strategy.Type;
        if (type == "OnDelete")
        {
            return;
        }

        if (type != "RollingUpdate")
        {
            sink.Add(StrategyType, "spec.updateStrategy.type", type, "supported values: \"RollingUpdate\", \"OnDelete\"");
            return;
        }

        const string path = "spec.updateStrategy.rollingUpdate.";
        var rolling = strategy?.RollingUpdate;
        var unavailable = rolling?.MaxUnavailable ?? (IntOrString)1;
        var surge = rolling?.MaxSurge ?? (IntOrString)0;
        var unavailableValid = CheckValue(unavailable, path + "maxUnavailable", sink);
        var surgeValid = CheckValue(surge, path + "maxSurge", sink);
        if (!unavailableValid || !surgeValid)
        {
            return;
        }

        var hasUnavailable = IntOrPercent.Value(unavailable) != 0;
        var hasSurge = IntOrPercent.Value(surge) != 0;
        if (hasUnavailable && hasSurge)
        {
            sink.Add(SurgeAndUnavailable, path + "maxSurge", surge.Value,
                $"maxSurge may not be set when maxUnavailable is non-zero (maxUnavailable is {unavailable.Value}); " +
                "set maxSurge: 0 to replace pods in place (the only choice for agents with host ports), " +
                "or maxUnavailable: 0 to start each new pod before its old one stops");
        }
        else if (!hasUnavailable && !hasSurge)
        {
            sink.Add(BothZero, path + "maxUnavailable", unavailable.Value,
                "maxUnavailable cannot be 0 when maxSurge is 0: the rollout could never replace a pod; set maxUnavailable: 1 (or a percentage such as 10%)");
        }
    }

    private static bool CheckValue(IntOrString value, string path, FindingSink sink)
    {
        var number = IntOrPercent.Value(value);
        if (number is null)
        {
            sink.Add(RollingUpdateValue, path, value.Value, "must be an integer or percentage (e.g. '5%')");
            return false;
        }

        if (number < 0)
        {
            sink.Add(RollingUpdateValue, path, value.Value, "must be greater than or equal to 0");
            return false;
        }

        if (IntOrPercent.IsPercent(value) && number > 100)
        {
            sink.Add(RollingUpdateValue, path, value.Value, "must not be greater than 100%");
            return false;
        }

        return true;
    }

    private static string Describe(IDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0 ? "(none)" : string.Join(",", labels.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
