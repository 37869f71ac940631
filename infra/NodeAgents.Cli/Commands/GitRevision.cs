using System.Diagnostics;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// A git revision of the repository that holds the project, checked out into a temporary detached worktree
/// (<c>git worktree add --detach</c>) outside the repository and removed again (<c>git worktree remove --force</c>, then the
/// folder and <c>git worktree prune</c>) whatever happens. Every git call is bounded by <see cref="Timeout"/>.
/// </summary>
internal static class GitRevision
{
    /// <summary>The longest a git call may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The full commit id of <paramref name="revision"/> in the repository of <paramref name="projectDirectory"/>, or null when it is none.</summary>
    public static string? Resolve(string projectDirectory, string revision)
    {
        var (exit, output, _) = Git(projectDirectory, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}");
        return exit == 0 ? output.Trim() : null;
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the project folder inside a temporary worktree of <paramref name="commit"/>; the
    /// worktree is removed afterwards, also when <paramref name="use"/> throws.
    /// </summary>
    /// <exception cref="IOException">git could not create the worktree (the message has git's error).</exception>
    public static T InWorktree<T>(string projectDirectory, string commit, Func<string, T> use)
    {
        var (_, prefix, _) = Git(projectDirectory, "rev-parse", "--show-prefix");
        var (_, top, _) = Git(projectDirectory, "rev-parse", "--show-toplevel");
        var folder = Path.Combine(Path.GetTempPath(), "nodeagents-diff-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exit, _, error) = Git(top.Trim(), "worktree", "add", "--detach", "--quiet", folder, commit);
            if (exit != 0)
            {
                throw new IOException($"git worktree add failed: {error.Trim()}");
            }

            return use(Path.Combine(folder, prefix.Trim()));
        }
        finally
        {
            Git(top.Trim(), "worktree", "remove", "--force", folder);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Git(top.Trim(), "worktree", "prune");
        }
    }

    private static (int Exit, string Output, string Error) Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new IOException("git could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"git {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
