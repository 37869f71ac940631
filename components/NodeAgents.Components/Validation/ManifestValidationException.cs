namespace NodeAgents.Validation;

/// <summary>Thrown by <see cref="ManifestValidator.EnsureValid"/> when objects break at least one error rule.</summary>
public sealed class ManifestValidationException : Exception
{
    /// <summary>Creates the exception from the validator's findings (at least one error).</summary>
    public ManifestValidationException(IReadOnlyList<Finding> findings)
        : base(Describe(findings))
    {
        Findings = findings;
    }

    /// <summary>Every finding, errors first (see <see cref="Finding.ReportOrder"/>).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    private static string Describe(IReadOnlyList<Finding> findings)
    {
        var errors = findings.Count(finding => finding.Severity == Severity.Error);
        return $"{errors} validation error{(errors == 1 ? "" : "s")}:" + Environment.NewLine +
            string.Join(Environment.NewLine, findings.Select(finding => "  " + finding));
    }
}
