using NodeAgents.Input;

namespace NodeAgents.Placement;

/// <summary>The files an inventory path names, and bounded reading of one.</summary>
internal static class InputPaths
{
    /// <summary>
    /// The file itself, or the files of a folder with one of <paramref name="extensions"/> in name order, each with the
    /// name used in messages; a missing path or an empty folder is a problem.
    /// </summary>
    public static IReadOnlyList<(string File, string Display)> Files(string path, IReadOnlyList<string> extensions, List<InputProblem> problems)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(file => (file, Path.Combine(path, Path.GetFileName(file))))
                .ToList();
            if (files.Count == 0)
            {
                var names = extensions.Select(extension => "*" + extension).ToList();
                problems.Add(new InputProblem(path, "", $"the folder holds no {string.Join(", ", names.SkipLast(1))} or {names[^1]} file"));
            }

            return files;
        }

        if (File.Exists(path))
        {
            return [(path, path)];
        }

        problems.Add(new InputProblem(path, "", "no such file or folder"));
        return [];
    }

    /// <summary>The bytes of <paramref name="file"/>, at most <paramref name="limit"/> of them (a device such as /dev/zero included).</summary>
    /// <exception cref="IOException">The file is longer than <paramref name="limit"/> bytes, or cannot be read.</exception>
    public static byte[] ReadBounded(string file, long limit)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var content = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while (content.Length <= limit && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
        }

        return content.Length > limit
            ? throw new IOException($"the file is larger than {limit:N0} bytes, the most read")
            : content.ToArray();
    }
}
