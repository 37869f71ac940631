using NodeAgents.Building;
using NodeAgents.Cli.Output;
using NodeAgents.Validation;

namespace NodeAgents.Cli.Commands;

/// <summary>The validator gate of the commands that write: findings go to stderr; errors stop the command before it writes.</summary>
internal static class Validation
{
    /// <summary>True when there is no error; prints every finding (warnings too) to <paramref name="stderr"/>.</summary>
    public static bool Passes(ManifestSet manifests, string stack, TextWriter stderr)
    {
        var findings = ManifestValidator.Validate(manifests);
        if (findings.Count == 0)
        {
            return true;
        }

        FindingsReport.WriteTable(findings, stack, stderr);
        var passes = findings.All(finding => finding.Severity != Severity.Error);
        if (!passes)
        {
            stderr.WriteLine("error: the stack breaks validation rules; nothing was written or planned. Run 'nodeagents validate' for details (-o json for machines).");
        }

        return passes;
    }
}
