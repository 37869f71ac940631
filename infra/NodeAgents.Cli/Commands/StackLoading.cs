using NodeAgents.Input;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Commands;

/// <summary>Reads and binds a stack for a command, printing every input problem on failure.</summary>
internal static class StackLoading
{
    /// <summary>The bound stack, or null after printing every problem to <paramref name="stderr"/>.</summary>
    public static BoundStack? TryLoad(DirectoryInfo projectDirectory, string stack, TextWriter stderr) =>
        TryLoad(projectDirectory, stack, stderr, out _);

    /// <summary>The bound stack, or null after printing every problem to <paramref name="stderr"/>; the problems also come back as data.</summary>
    public static BoundStack? TryLoad(DirectoryInfo projectDirectory, string stack, TextWriter stderr, out IReadOnlyList<InputProblem> problems)
    {
        try
        {
            problems = [];
            return StackBinder.Bind(StackFiles.Load(projectDirectory.FullName, stack));
        }
        catch (InputException error)
        {
            problems = error.Problems;
            PrintProblems(error.Problems, stderr);
            return null;
        }
    }

    public static void PrintProblems(IReadOnlyList<InputProblem> problems, TextWriter stderr)
    {
        stderr.WriteLine($"error: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in the input; nothing was written.");
        foreach (var problem in problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column))
        {
            stderr.WriteLine("  " + problem);
        }
    }
}
