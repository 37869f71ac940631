namespace NodeAgents.Validation;

/// <summary>One rule of the validator: its stable id, severity, the source it follows and a one-line summary.</summary>
/// <param name="Id">A stable kebab-case id, e.g. <c>daemonset-surge-and-unavailable</c>; the <see cref="Finding.Rule"/> of its findings.</param>
/// <param name="Severity">The severity of every finding of the rule.</param>
/// <param name="Source">Where the rule comes from: the Kubernetes validation function, controller or documentation page.</param>
/// <param name="Summary">What the rule checks, in one line.</param>
public sealed record ValidationRule(string Id, Severity Severity, string Source, string Summary);
