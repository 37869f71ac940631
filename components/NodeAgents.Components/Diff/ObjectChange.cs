namespace NodeAgents.Diff;

/// <summary>What happened to an object between the base and now.</summary>
public enum ChangeKind
{
    /// <summary>Only in the current render: it will be created.</summary>
    Added,

    /// <summary>Only in the base: applying the current render leaves it running unless something prunes it.</summary>
    Removed,

    /// <summary>In both, with field changes.</summary>
    Changed,

    /// <summary>The same kind and role under another name (or namespace): the old object is removed, the new one created.</summary>
    Renamed,
}

/// <summary>One object that differs between the base and the current render.</summary>
/// <param name="Key">The object now (for <see cref="ChangeKind.Removed"/>: the base object).</param>
/// <param name="Kind">Added, removed, changed or renamed.</param>
/// <param name="Fields">The field changes (changed and renamed objects; renames leave out <c>metadata.name</c> and <c>metadata.namespace</c>); empty otherwise.</param>
/// <param name="RenamedFrom">The base object of a rename; null otherwise.</param>
public sealed record ObjectChange(ObjectKey Key, ChangeKind Kind, IReadOnlyList<FieldChange> Fields, ObjectKey? RenamedFrom = null)
{
    /// <summary>
    /// What removing the base object takes: <c>kubectl apply</c> never deletes an object missing from the files unless run
    /// with <c>--prune</c> (kubectl apply's prune; a GitOps tool's prune option does the same), while <c>pulumi up</c>
    /// deletes a resource the program no longer declares. Null when nothing is removed.
    /// </summary>
    public string? RemovalNote => Kind is ChangeKind.Removed or ChangeKind.Renamed
        ? $"{RenamedFrom ?? Key} is only removed by kubectl apply --prune or a GitOps tool's prune; pulumi up deletes it itself"
        : null;
}
