namespace NodeAgents.Cli.Output;

/// <summary>How the CLI names a file or folder it wrote, as the user would type it.</summary>
internal static class DisplayPath
{
    /// <summary>
    /// <paramref name="path"/> relative to the working directory when it lies inside it (e.g. <c>out/dev</c>), else the full
    /// path (e.g. <c>/tmp/manifests</c>, never <c>../../tmp/manifests</c>).
    /// </summary>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        var outside = Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return outside ? full : relative;
    }
}
