namespace NodeAgents.Validation;

/// <summary>
/// One problem the validator found, as data: which object, which field, the offending value, the rule broken, how bad,
/// a message (with a suggested fix where one exists) and where the rule comes from.
/// </summary>
/// <param name="Object">The object the field belongs to.</param>
/// <param name="Path">
/// The field path inside the object in Kubernetes notation, e.g. <c>spec.updateStrategy.rollingUpdate.maxSurge</c> or
/// <c>spec.template.spec.containers[0].ports[1].hostPort</c>; map keys in brackets, e.g. <c>metadata.labels[version]</c>.
/// </param>
/// <param name="Value">The offending value as text, or null when the problem is a missing value.</param>
/// <param name="Rule">A stable kebab-case rule id, e.g. <c>daemonset-surge-and-unavailable</c> (listed in <see cref="ManifestValidator.Rules"/>).</param>
/// <param name="Severity">Error (blocks) or warning.</param>
/// <param name="Message">What is wrong, and how to fix it where a fix is known.</param>
/// <param name="Source">The origin of the rule, e.g. <c>k8s.io/kubernetes pkg/apis/apps/validation ValidateRollingUpdateDaemonSet</c>.</param>
public sealed record Finding(ObjectRef Object, string Path, string? Value, string Rule, Severity Severity, string Message, string Source)
{
    /// <summary>The order findings are reported in: errors first, then by object, path and rule.</summary>
    public static IComparer<Finding> ReportOrder { get; } = Comparer<Finding>.Create((a, b) =>
    {
        var order = a.Severity.CompareTo(b.Severity);
        if (order == 0)
        {
            order = a.Object.CompareTo(b.Object);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Path, b.Path);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Rule, b.Rule);
    });

    /// <summary><c>error DaemonSet ns/name spec.x: message [rule]</c>.</summary>
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Object} {Path}: {Message} [{Rule}]";
}
