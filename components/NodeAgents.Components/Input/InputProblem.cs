namespace NodeAgents.Input;

/// <summary>
/// One problem with the tool's input (a stack file, Pulumi.yaml, a node inventory): the file, the key path inside it, what
/// is wrong, and where (1-based line and column, when the input has positions). Rendered as
/// <c>file:line:column: path: message</c>.
/// </summary>
/// <param name="File">The file as the user named it, e.g. <c>Pulumi.dev.yaml</c> or <c>nodes.json</c>.</param>
/// <param name="Path">The key path, e.g. <c>node-agents:logging.resources.requests.cpu</c> or <c>items[2].status.allocatable.cpu</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
public sealed record InputProblem(string File, string Path, string Message, long Line = 0, long Column = 0)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length == 0 ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}

/// <summary>Thrown when input cannot be read or bound; carries every problem found, in input order.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception from at least one problem.</summary>
    public InputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}
