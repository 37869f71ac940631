using System.Text;
using System.Text.RegularExpressions;

namespace NodeAgents.Cli.Output;

/// <summary>
/// Replaces a render folder so that a kill at any moment leaves either the previous or the new complete render, never
/// neither and never a mix:
/// <list type="number">
/// <item>leftovers of interrupted earlier runs next to the folder (<c>.NAME.tmp-XXXXXXXX</c>, <c>.NAME.old-XXXXXXXX</c>),
/// recognised as the tool's own by <see cref="StagingMarker"/> or <see cref="ManifestFile"/> listing every entry, are removed;</item>
/// <item>the files are written to a staging sibling <c>.NAME.tmp-XXXXXXXX</c>, each flushed to disk (fsync), then the
/// staging folder itself;</item>
/// <item>the staging folder is swapped with the folder in one atomic step, Linux <c>renameat2(…, RENAME_EXCHANGE)</c>
/// (man 2 rename); where the file system or platform lacks it, two renames (the folder moved aside, then the staging
/// folder moved in), which leave a short moment without the folder; the parent folder is fsynced after the swap;</item>
/// <item>the previous render, now in the staging sibling, is removed.</item>
/// </list>
/// A folder is replaced only when every file in it was written by an earlier render (listed in its <see cref="ManifestFile"/>),
/// so files the tool did not write are never deleted; a symbolic link as the folder is refused.
/// </summary>
public static partial class OutputFolder
{
    /// <summary>The file in each render folder that lists the files the render wrote.</summary>
    public const string ManifestFile = ".nodeagents-render";

    /// <summary>
    /// The file a staging folder holds while it is written: the names of the files the run is about to write, one a line.
    /// The writing run holds it locked, so a concurrent run never removes a staging folder that is still in use.
    /// </summary>
    public const string StagingMarker = ".nodeagents-staging";

    /// <summary>
    /// Test seam: called with <c>"staged"</c> once every file is written and before the swap, and with <c>"swapped"</c>
    /// right after the swap, before the previous render is removed. An exception it throws ends the run at that point
    /// without any clean-up, as a kill would. Set per asynchronous flow, so it affects only the caller's own renders.
    /// </summary>
    internal static Action<string>? StepHook { get => StepHookFlow.Value; set => StepHookFlow.Value = value; }

    private static readonly AsyncLocal<Action<string>?> StepHookFlow = new();

    /// <summary>Writes <paramref name="files"/> (file name → content, UTF-8 without BOM) as the new contents of <paramref name="folder"/>.</summary>
    /// <exception cref="OutputFolderException">
    /// The folder is a file or a symbolic link, holds files or folders an earlier render did not write, or the file system refused.
    /// </exception>
    public static void Replace(string folder, IReadOnlyDictionary<string, string> files)
    {
        var target = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        CheckOwned(target);
        var parent = Path.GetDirectoryName(target) ?? throw new OutputFolderException($"refusing to write {folder}: a render folder needs a parent folder");
        var name = Path.GetFileName(target);
        RemoveLeftovers(parent, name);

        var id = Guid.NewGuid().ToString("N")[..8];
        var staging = Path.Combine(parent, $".{name}.tmp-{id}");
        var previous = Path.Combine(parent, $".{name}.old-{id}");
        var swapped = false;
        try
        {
            Directory.CreateDirectory(staging);
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            var names = string.Join("\n", files.Keys.Order(StringComparer.Ordinal)) + "\n";

            // The marker stays open and locked until the swap is done: a concurrent run sees the staging folder in use.
            using (var marker = new FileStream(Path.Combine(staging, StagingMarker), FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                marker.Write(encoding.GetBytes(names));
                marker.Flush(flushToDisk: true);
                foreach (var (file, content) in files)
                {
                    WriteDurably(Path.Combine(staging, file), encoding.GetBytes(content));
                }

                WriteDurably(Path.Combine(staging, ManifestFile), encoding.GetBytes(names));
                FileSystemSync.Directory(staging);
                StepHook?.Invoke("staged");

                if (!Directory.Exists(target))
                {
                    Directory.Move(staging, target);
                }
                else if (!FileSystemSync.Exchange(staging, target))
                {
                    Directory.Move(target, previous);
                    Directory.Move(staging, target);
                    staging = previous;
                }

                swapped = true;
                FileSystemSync.Directory(parent);
                StepHook?.Invoke("swapped");

                // The marker came along into the folder; a kill before this line leaves it there, which the next render accepts.
                File.Delete(Path.Combine(target, StagingMarker));
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var restored = swapped || TryIo(() =>
            {
                if (Directory.Exists(previous) && !Directory.Exists(target))
                {
                    Directory.Move(previous, target);
                }
            });
            if (!swapped)
            {
                TryIo(() => DeleteIfExists(Path.Combine(parent, $".{name}.tmp-{id}")));
            }

            throw new OutputFolderException($"cannot write {target}: {error.Message}" + (restored ? "" : $"; the previous render is kept in {previous}"));
        }

        // After the swap the staging sibling holds the previous render (or, without the folder before, nothing).
        if (!TryIo(() => DeleteIfExists(staging)) && Directory.Exists(staging))
        {
            throw new OutputFolderException($"wrote {target}, but could not remove the previous render kept in {staging}; the next render removes it");
        }
    }

    /// <summary>Checks, without writing, that <paramref name="folder"/> may be replaced by <see cref="Replace"/>.</summary>
    /// <exception cref="OutputFolderException">The folder is a file or a symbolic link, or holds files or folders an earlier render did not write.</exception>
    public static void EnsureReplaceable(string folder) => CheckOwned(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>
    /// Removes the staging and previous-render folders that interrupted runs left next to <paramref name="name"/> in
    /// <paramref name="parent"/>: only real folders named <c>.NAME.tmp-XXXXXXXX</c> or <c>.NAME.old-XXXXXXXX</c> whose every
    /// entry is a regular file listed in their <see cref="StagingMarker"/> or <see cref="ManifestFile"/>, and whose marker no
    /// running render holds. Anything else is left alone.
    /// </summary>
    private static void RemoveLeftovers(string parent, string name)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        var pattern = new Regex($"^\\.{Regex.Escape(name)}\\.(tmp|old)-[0-9a-f]{{8}}$", RegexOptions.CultureInvariant);
        foreach (var candidate in Directory.EnumerateDirectories(parent).Where(path => pattern.IsMatch(Path.GetFileName(path))))
        {
            if (new DirectoryInfo(candidate).LinkTarget is not null)
            {
                continue;
            }

            var marker = Path.Combine(candidate, StagingMarker);
            FileStream? held = null;
            try
            {
                // Holding the marker exclusively proves no running render owns the folder (it keeps its marker locked).
                var listed = new HashSet<string>(StringComparer.Ordinal) { StagingMarker, ManifestFile };
                if (File.Exists(marker))
                {
                    held = new FileStream(marker, FileMode.Open, FileAccess.Read, FileShare.None);
                    listed.UnionWith(new StreamReader(held).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
                }

                var manifest = Path.Combine(candidate, ManifestFile);
                if (File.Exists(manifest))
                {
                    listed.UnionWith(File.ReadAllLines(manifest).Where(line => line.Length > 0));
                }

                var own = (held is not null || File.Exists(manifest)) && Directory.EnumerateFileSystemEntries(candidate).All(entry =>
                    File.Exists(entry) && new FileInfo(entry).LinkTarget is null && listed.Contains(Path.GetFileName(entry)));
                held?.Dispose();
                held = null;
                if (own)
                {
                    TryIo(() => Directory.Delete(candidate, recursive: true));
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Locked by a running render, or unreadable: not ours to touch now.
            }
            finally
            {
                held?.Dispose();
            }
        }
    }

    private static void WriteDurably(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static void DeleteIfExists(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
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

    private static void CheckOwned(string target)
    {
        if (target.Length == 0 || Path.GetDirectoryName(target) is null)
        {
            throw new OutputFolderException($"refusing to write {(target.Length == 0 ? Path.DirectorySeparatorChar.ToString() : target)}: a render folder needs a parent folder");
        }

        if (new FileInfo(target) is { LinkTarget: { } linkTarget })
        {
            throw new OutputFolderException($"refusing to write {target}: it is a symbolic link (to {linkTarget}); give the folder it points to as --out");
        }

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
            .Where(entry => entry is not (ManifestFile or StagingMarker) && (!written.Contains(entry!) || Directory.Exists(Path.Combine(target, entry!))))
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
