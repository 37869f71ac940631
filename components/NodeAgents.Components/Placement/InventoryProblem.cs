namespace NodeAgents.Placement;

/// <summary>
/// One problem with a node inventory file: the file, the JSON/YAML path inside it, what is wrong, and where (1-based line and
/// column when the parser reports them). Rendered as <c>file:line:column: path: message</c>, like the stack config problems.
/// </summary>
/// <param name="File">The file as the user named it (relative to the given folder for folder input).</param>
/// <param name="Path">The path inside the document, e.g. <c>items[2].status.allocatable.cpu</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
public sealed record InventoryProblem(string File, string Path, string Message, long Line = 0, long Column = 0)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length == 0 ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}

/// <summary>Thrown by <see cref="NodeInventory"/> when the inventory cannot be read; carries every problem found, in file order.</summary>
public sealed class InventoryException : Exception
{
    /// <summary>Creates the exception from at least one problem.</summary>
    public InventoryException(IReadOnlyList<InventoryProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<InventoryProblem> Problems { get; }
}
