using System.Diagnostics;
using NodeAgents.Building;
using NodeAgents.Placement;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Benchmarks;

/// <summary>
/// <c>--peak N</c>: generates an inventory of N nodes, then (in this process) plans the prod stack on it once and prints the
/// file size, the wall time, the bytes allocated, the largest managed heap seen after a full collection, and the growth of
/// the peak working set, each relative to the file size.
/// </summary>
public static class PeakMemory
{
    /// <summary>Runs the measurement and prints one line of figures.</summary>
    public static void Run(int count)
    {
        var file = Path.Combine(Path.GetTempPath(), $"nodeagents-peak-{count}.json");
        var size = InventoryGenerator.Write(InventoryGenerator.Shapes(BenchPaths.SharedData), count, file);
        var stack = StackBinder.Bind(StackFiles.Load(BenchPaths.Root, "prod"));
        var daemonSets = ManifestSet.Build(stack.Agents, stack.PartOf).Agents.Select(agent => agent.Objects.DaemonSet).ToList();

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var nodes = NodeInventory.Read(file);
        var heapWithNodes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var plan = PlacementPlanner.Plan(daemonSets, nodes, stack.Coverage);
        var heapWithPlan = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        clock.Stop();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var peakGrowth = process.PeakWorkingSet64 - workingSetBefore;
        GC.KeepAlive(nodes);
        GC.KeepAlive(plan);
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
        static string X(long part, long whole) => (part / (double)whole).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x";
        Console.WriteLine($"nodes {count}: file {Mb(size)}, {plan.Groups.Count} groups, plan {clock.ElapsedMilliseconds} ms (incl. 2 full GCs), " +
                          $"live heap with nodes {Mb(heapWithNodes)} ({X(heapWithNodes, size)}), with plan {Mb(heapWithPlan)} ({X(heapWithPlan, size)}), " +
                          $"allocated {Mb(allocated)} ({X(allocated, size)}), peak working set growth {Mb(peakGrowth)} ({X(peakGrowth, size)})");
        File.Delete(file);
    }
}
