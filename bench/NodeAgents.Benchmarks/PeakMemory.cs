using System.Diagnostics;
using System.Globalization;
using NodeAgents.Building;
using NodeAgents.Placement;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Benchmarks;

/// <summary>
/// <c>--peak N</c>: plans the prod stack once on a generated inventory of N nodes, in a fresh process (the inventory is
/// generated first by a separate run of this program, so the generator's memory is not counted), and prints the file size,
/// the wall time, the bytes allocated, the live managed heap afterwards and the growth of the peak working set over the
/// working set before planning (after a warm-up plan on a real inventory, so JIT and type loading are not counted).
/// </summary>
public static class PeakMemory
{
    /// <summary>Generates the inventory if needed (in a child process), then measures.</summary>
    public static int Run(int count)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nodeagents-peak-{count}.json");
        if (!File.Exists(file))
        {
            InventoryGenerator.Write(InventoryGenerator.Shapes(BenchPaths.SharedData), count, file);
            // Run again as a new process: through the dotnet host (dotnet NodeAgents.Benchmarks.dll) or the app host.
            var host = Environment.ProcessPath!;
            string[] arguments = Path.GetFileNameWithoutExtension(host) == "dotnet"
                ? [typeof(PeakMemory).Assembly.Location, "--peak", count.ToString(CultureInfo.InvariantCulture)]
                : ["--peak", count.ToString(CultureInfo.InvariantCulture)];
            var self = Process.Start(new ProcessStartInfo(host, arguments) { UseShellExecute = false })!;
            self.WaitForExit();
            File.Delete(file);
            return self.ExitCode;
        }

        var size = new FileInfo(file).Length;
        var stack = StackBinder.Bind(StackFiles.Load(BenchPaths.Root, "prod"));
        var daemonSets = ManifestSet.Build(stack.Agents, stack.PartOf).Agents.Select(agent => agent.Objects.DaemonSet).ToList();
        PlacementPlanner.Plan(daemonSets, Path.Combine(BenchPaths.SharedData, "nodes"), stack.Coverage);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var peakBefore = process.PeakWorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var plan = PlacementPlanner.Plan(daemonSets, file, stack.Coverage);

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var peakGrowth = Math.Max(0, process.PeakWorkingSet64 - Math.Max(workingSetBefore, 0));
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        GC.KeepAlive(plan);
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        static string X(long part, long whole) => (part / (double)whole).ToString("0.00", CultureInfo.InvariantCulture) + "x";
        Console.WriteLine($"nodes {count}: file {Mb(size)}, {plan.Groups.Count} groups, plan {clock.ElapsedMilliseconds} ms, " +
                          $"allocated {Mb(allocated)} ({X(allocated, size)}), live heap after {Mb(heapAfter)} ({X(heapAfter, size)}), " +
                          $"peak working set growth {Mb(peakGrowth)} ({X(peakGrowth, size)}; peak before planning was {Mb(peakBefore)})");
        return 0;
    }
}
