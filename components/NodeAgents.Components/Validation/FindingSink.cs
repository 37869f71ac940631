namespace NodeAgents.Validation;

/// <summary>Collects the findings of one object: each rule file adds to it with a path relative to the object.</summary>
internal sealed class FindingSink(ObjectRef target, List<Finding> findings)
{
    public ObjectRef Target { get; } = target;

    public void Add(ValidationRule rule, string path, string? value, string message) =>
        findings.Add(new Finding(Target, path, value, rule.Id, rule.Severity, message, rule.Source));
}
