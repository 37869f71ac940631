using System.Runtime.InteropServices;

namespace NodeAgents.Cli.Output;

/// <summary>
/// The two Linux file-system calls .NET does not expose: swapping two paths atomically and flushing a folder's entries to
/// disk. Elsewhere (or where the file system lacks them) each reports that it did nothing, and callers fall back.
/// </summary>
internal static partial class FileSystemSync
{
    // man 2 rename: renameat2(olddirfd, oldpath, newdirfd, newpath, flags); AT_FDCWD resolves relative paths from the
    // working folder; RENAME_EXCHANGE (1 << 1) swaps the two existing paths in one step.
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 1 << 1;

    // man 2 open: O_RDONLY (0) opens a folder too; O_CLOEXEC is 02000000 (octal) on x86-64 and arm64 alike.
    private const int OpenReadOnlyDirectory = 0x80000;

    /// <summary>
    /// Swaps <paramref name="first"/> and <paramref name="second"/> (both existing) atomically with
    /// <c>renameat2(RENAME_EXCHANGE)</c>. Returns false, having changed nothing, where the platform or the file system does not
    /// support it (not Linux, no such call in the C library, EINVAL or ENOSYS).
    /// </summary>
    /// <exception cref="IOException">The call exists and failed for another reason (permissions, a missing path).</exception>
    public static bool Exchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            if (RenameAt2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0)
            {
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }

        var errno = Marshal.GetLastPInvokeError();
        const int Einval = 22, Enosys = 38;
        return errno is Einval or Enosys
            ? false
            : throw new IOException($"cannot swap {second} with its new render: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Flushes the entries of the folder <paramref name="path"/> to disk (fsync on the folder); a no-op off Linux.</summary>
    /// <exception cref="IOException">The folder cannot be opened or flushed.</exception>
    public static void Directory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(path, OpenReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {path} to flush it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"cannot flush {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
