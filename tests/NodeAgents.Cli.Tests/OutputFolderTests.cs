using NodeAgents.Cli.Output;

namespace NodeAgents.Cli.Tests;

/// <summary>
/// The render folder swap under interruption (issue 12): a kill at any step leaves the old or the new complete render, and
/// the next run removes what the interrupted one left behind, but nothing it did not write.
/// </summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "nodeagents-out-" + Guid.NewGuid().ToString("N")[..8]);

    public OutputFolderTests() => Directory.CreateDirectory(root);

    private string Target => Path.Combine(root, "prod");

    private static readonly Dictionary<string, string> Old = new() { ["a.yaml"] = "old a\n", ["b.yaml"] = "old b\n" };
    private static readonly Dictionary<string, string> New = new() { ["a.yaml"] = "new a\n", ["c.yaml"] = "new c\n" };

    [Theory]
    [InlineData("staged", "old")]
    [InlineData("swapped", "new")]
    public void A_kill_at_each_step_leaves_one_complete_render_and_the_next_run_cleans_up(string step, string survivor)
    {
        OutputFolder.Replace(Target, Old);
        OutputFolder.StepHook = at => { if (at == step) { throw new SimulatedKill(); } };
        try
        {
            Assert.Throws<SimulatedKill>(() => OutputFolder.Replace(Target, New));
        }
        finally
        {
            OutputFolder.StepHook = null;
        }

        var expected = survivor == "old" ? Old : New;
        Assert.Equal(expected.Keys.Order(), Rendered(Target).Keys.Order());
        Assert.All(expected, file => Assert.Equal(file.Value, Rendered(Target)[file.Key]));
        Assert.Single(Leftovers());

        OutputFolder.Replace(Target, Old);

        Assert.Empty(Leftovers());
        Assert.Equal(["a.yaml", "b.yaml"], Rendered(Target).Keys.Order());
        Assert.Equal(["a.yaml", "b.yaml"], File.ReadAllLines(Path.Combine(Target, OutputFolder.ManifestFile)));
    }

    [Fact]
    public void A_kill_while_files_are_written_leaves_the_old_render_and_a_staging_folder_the_next_run_removes()
    {
        OutputFolder.Replace(Target, Old);
        var staging = Path.Combine(root, ".prod.tmp-0123abcd");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, OutputFolder.StagingMarker), "a.yaml\nc.yaml\n");
        File.WriteAllText(Path.Combine(staging, "a.yaml"), "half");

        OutputFolder.Replace(Target, New);

        Assert.False(Directory.Exists(staging));
        Assert.Equal("new c\n", File.ReadAllText(Path.Combine(Target, "c.yaml")));
    }

    [Fact]
    public void Folders_that_only_look_like_leftovers_are_kept()
    {
        var foreign = Path.Combine(root, ".prod.old-0123abcd");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, OutputFolder.ManifestFile), "a.yaml\n");
        File.WriteAllText(Path.Combine(foreign, "a.yaml"), "x");
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "not listed: not ours");
        var otherName = Path.Combine(root, ".prod.tmp-XYZ");
        Directory.CreateDirectory(otherName);
        File.WriteAllText(Path.Combine(otherName, OutputFolder.StagingMarker), "");

        OutputFolder.Replace(Target, New);

        Assert.Equal("not listed: not ours", File.ReadAllText(Path.Combine(foreign, "notes.txt")));
        Assert.True(Directory.Exists(otherName));
    }

    [Fact]
    public void A_staging_folder_whose_marker_a_running_render_holds_is_not_removed()
    {
        var staging = Path.Combine(root, ".prod.tmp-89abcdef");
        Directory.CreateDirectory(staging);
        using (new FileStream(Path.Combine(staging, OutputFolder.StagingMarker), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            OutputFolder.Replace(Target, New);
            Assert.True(Directory.Exists(staging));
        }

        OutputFolder.Replace(Target, Old);
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void A_symbolic_link_as_the_folder_is_refused_and_left_as_it_is()
    {
        var real = Path.Combine(root, "real");
        OutputFolder.Replace(real, Old);
        Directory.CreateSymbolicLink(Target, real);

        var error = Assert.Throws<OutputFolderException>(() => OutputFolder.Replace(Target, New));
        Assert.Equal($"refusing to write {Target}: it is a symbolic link (to {real}); give the folder it points to as --out", error.Message);
        Assert.Throws<OutputFolderException>(() => OutputFolder.EnsureReplaceable(Target));
        Assert.Equal(real, new DirectoryInfo(Target).LinkTarget);
        Assert.Equal("old b\n", File.ReadAllText(Path.Combine(real, "b.yaml")));
    }

    [Fact]
    public void Exchange_swaps_two_folders_in_one_step_on_linux()
    {
        var first = Path.Combine(root, "first");
        var second = Path.Combine(root, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(first, "1"), "");
        File.WriteAllText(Path.Combine(second, "2"), "");

        Assert.True(FileSystemSync.Exchange(first, second));

        Assert.True(File.Exists(Path.Combine(first, "2")));
        Assert.True(File.Exists(Path.Combine(second, "1")));
    }

    private Dictionary<string, string> Rendered(string folder) =>
        Directory.GetFiles(folder).Where(file => !Path.GetFileName(file).StartsWith('.'))
            .ToDictionary(file => Path.GetFileName(file), File.ReadAllText);

    private IEnumerable<string> Leftovers() =>
        Directory.GetDirectories(root).Select(Path.GetFileName).Where(name => name!.StartsWith(".prod.", StringComparison.Ordinal))!;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private sealed class SimulatedKill : Exception;
}
