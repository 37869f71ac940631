using System.CommandLine;
using NodeAgents.Building;
using NodeAgents.Cli.Output;
using NodeAgents.Validation;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// <c>nodeagents validate --stack NAME [--project-dir DIR] [-o table|json]</c>: reads and binds the stack, builds every object
/// and runs the validator. Writes no files. Exit 0 when there is no error (warnings alone are fine), 1 on validation errors,
/// 2 when the input cannot be read or bound (with <c>-o json</c>, the problems are also written to stdout as
/// <c>{stack, inputProblems: [{file, path, message, line, column}]}</c>).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDirectory = CommonOptions.ProjectDirectory();
        var format = new Option<string>("--output", "-o") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("validate", "Check every agent against the Kubernetes API's rules and rollout traps; writes nothing.") { stack, projectDirectory, format };
        command.SetAction(parse => Run(parse.GetValue(projectDirectory)!, parse.GetValue(stack)!, parse.GetValue(format)!, stdout, stderr));
        return command;
    }

    private static int Run(DirectoryInfo projectDirectory, string stack, string format, TextWriter stdout, TextWriter stderr)
    {
        var bound = StackLoading.TryLoad(projectDirectory, stack, stderr, out var problems);
        if (bound is null)
        {
            if (format == "json")
            {
                // Machines get the input problems as data too: {stack, inputProblems: [{file, path, message, line, column}]}.
                stdout.WriteLine(FindingsReport.InputProblemsJson(problems, stack));
            }

            return ExitCodes.BadInput;
        }

        var findings = ManifestValidator.Validate(ManifestSet.Build(bound.Agents, bound.PartOf));
        if (format == "json")
        {
            FindingsReport.WriteJson(findings, stack, stdout);
        }
        else
        {
            FindingsReport.WriteTable(findings, stack, stdout);
        }

        return findings.Any(finding => finding.Severity == Severity.Error) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
