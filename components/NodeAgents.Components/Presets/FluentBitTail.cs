namespace NodeAgents.Presets;

/// <summary>The tail input of a Fluent Bit preset: which files it follows and where it keeps its offsets.</summary>
/// <param name="Path">The glob of container log files, e.g. <c>/var/log/containers/*.log</c>.</param>
/// <param name="Database">The offset database file (<c>DB</c>), on a writable node path so a restarted pod resumes.</param>
/// <param name="MemoryBufferLimit">The input's <c>Mem_Buf_Limit</c>, e.g. <c>5MB</c>.</param>
public sealed record FluentBitTail(string Path, string Database, string MemoryBufferLimit);
