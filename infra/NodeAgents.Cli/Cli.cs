using System.CommandLine;
using NodeAgents.Cli.Commands;

namespace NodeAgents.Cli;

/// <summary>The <c>nodeagents</c> command line: its commands and their wiring.</summary>
public static class Cli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Render, validate and plan node-level agents (DaemonSets) from Pulumi stack files, offline.")
        {
            RenderCommand.Create(stdout, stderr),
            PlanCommand.Create(stdout, stderr),
        };
        var result = root.Parse(args);
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
