namespace NodeAgents.Cli.Output;

/// <summary>
/// Replaces a render folder atomically: files are written to a temporary sibling folder, which is then swapped in with
/// renames. A folder is replaced only when every file in it was written by an earlier render (listed in its
/// <see cref="ManifestFile"/>), so files the tool did not write are never deleted.
/// </summary>
public static class OutputFolder
{
    /// <summary>The file in each render folder that lists the files the render wrote.</summary>
    public const string ManifestFile = ".nodeagents-render";

    /// <summary>Writes <paramref name="files"/> (file name → content, UTF-8 without BOM) as the new contents of <paramref name="folder"/>.</summary>
    /// <exception cref="OutputFolderException">The folder holds files or folders an earlier render did not write, or the file system refused.</exception>
    public static void Replace(string folder, IReadOnlyDictionary<string, string> files)
    {
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        CheckOwned(target);
        var parent = Path.GetDirectoryName(target) ?? throw new OutputFolderException($"refusing to write {folder}: a render folder needs a parent folder");
        var name = Path.GetFileName(target);
        var id = Guid.NewGuid().ToString("N")[..8];
        var staging = Path.Combine(parent, $".{name}.tmp-{id}");
        var previous = Path.Combine(parent, $".{name}.old-{id}");
        try
        {
            Directory.CreateDirectory(staging);
            var encoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            foreach (var (file, content) in files)
            {
                File.WriteAllText(Path.Combine(staging, file), content, encoding);
            }

            File.WriteAllText(Path.Combine(staging, ManifestFile), string.Join("\n", files.Keys.Order(StringComparer.Ordinal)) + "\n", encoding);
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
            }

            Directory.Move(staging, target);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var restored = TryIo(() =>
            {
                if (Directory.Exists(previous) && !Directory.Exists(target))
                {
                    Directory.Move(previous, target);
                }
            });
            TryIo(() =>
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            });
            throw new OutputFolderException($"cannot write {target}: {error.Message}" + (restored ? "" : $"; the previous render is kept in {previous}"));
        }

        if (!TryIo(() => Directory.Delete(previous, recursive: true)) && Directory.Exists(previous))
        {
            throw new OutputFolderException($"wrote {target}, but could not remove the previous render kept in {previous}; delete it by hand");
        }
    }

    private static bool TryIo(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Checks, without writing, that <paramref name="folder"/> may be replaced by <see cref="Replace"/>.</summary>
    /// <exception cref="OutputFolderException">The folder is a file, or holds files or folders an earlier render did not write.</exception>
    public static void EnsureReplaceable(string folder) => CheckOwned(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));

    private static void CheckOwned(string target)
    {
        if (File.Exists(target))
        {
            throw new OutputFolderException($"refusing to write {target}: it is a file, not a folder");
        }

        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        var manifest = Path.Combine(target, ManifestFile);
        HashSet<string> written;
        try
        {
            written = File.Exists(manifest)
                ? File.ReadAllLines(manifest).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"refusing to replace {target}: cannot read {manifest}: {error.Message}");
        }

        var foreign = Directory.EnumerateFileSystemEntries(target)
            .Select(Path.GetFileName)
            .Where(entry => entry != ManifestFile && (!written.Contains(entry!) || Directory.Exists(Path.Combine(target, entry!))))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!File.Exists(manifest) || foreign.Count > 0)
        {
            var list = foreign.Count == 0 ? "" : ": " + string.Join(", ", foreign.Take(5)) + (foreign.Count > 5 ? $" and {foreign.Count - 5} more" : "");
            throw new OutputFolderException($"refusing to replace {target}: it holds files nodeagents did not write{list}; choose another --out or move them");
        }
    }
}

/// <summary>The output folder could not be replaced; nothing was changed.</summary>
public sealed class OutputFolderException(string message) : Exception(message);
