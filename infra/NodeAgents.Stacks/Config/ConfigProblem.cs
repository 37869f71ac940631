namespace NodeAgents.Stacks.Config;

/// <summary>
/// One problem with the tool's input: the file, the key path inside it, what is wrong, and where (1-based line and column,
/// when the input has positions). Rendered as <c>file:line:column: path: message</c>.
/// </summary>
/// <param name="File">The file name as the user gave it, e.g. <c>Pulumi.dev.yaml</c>.</param>
/// <param name="Path">The key path, e.g. <c>node-agents:logging.resources.requests.cpu</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
public sealed record ConfigProblem(string File, string Path, string Message, long Line = 0, long Column = 0)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length == 0 ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}

/// <summary>Thrown when input cannot be read or bound; carries every problem found, in input order.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from at least one problem.</summary>
    public ConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }
}
