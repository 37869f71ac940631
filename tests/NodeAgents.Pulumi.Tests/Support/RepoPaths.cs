namespace NodeAgents.Pulumi.Tests.Support;

/// <summary>Locates the repository root (the folder with NodeAgents.sln) and the shared data beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/data from the repository root: real node inventories, observed costs and upstream manifests.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NodeAgents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("NodeAgents.sln not found above " + AppContext.BaseDirectory);
    }
}
