namespace NodeAgents.Benchmarks;

/// <summary>The repository root (the folder with NodeAgents.sln, found from the current folder upwards) and ../shared/data beside it.</summary>
public static class BenchPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    /// <summary>../shared/data from the root.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "NodeAgents.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("NodeAgents.sln not found above the current folder; run from the repository.");
    }
}
