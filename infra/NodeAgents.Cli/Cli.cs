using System.CommandLine;
using NodeAgents.Cli.Commands;

namespace NodeAgents.Cli;

/// <summary>The <c>nodeagents</c> command line: its commands and their wiring.</summary>
public static class Cli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Render, validate, plan and diff node-level agents (DaemonSets) from Pulumi stack files, offline.")
        {
            RenderCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout, stderr),
            PlanCommand.Create(stdout, stderr),
            DiffCommand.Create(stdout, stderr),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // A mistyped command or flag is bad input (exit 2), never a finding (exit 1).
            foreach (var error in result.Errors)
            {
                stderr.WriteLine("error: " + error.Message);
            }

            var command = result.CommandResult.Command == root ? "nodeagents" : "nodeagents " + result.CommandResult.Command.Name;
            stderr.WriteLine($"Run '{command} --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception error)
        {
            // A defect of the tool, never a finding (1) or bad input (2): one line, no stack trace.
            stderr.WriteLine($"internal error: {error.GetType().Name}: {error.Message}. Please report it with the command that caused it.");

            // diff uses 3 for "changes found" (a pipeline gates on it), so its defects exit 1 instead.
            return result.CommandResult.Command.Name == "diff" ? ExitCodes.Findings : ExitCodes.InternalError;
        }
    }
}
