using BenchmarkDotNet.Running;
using NodeAgents.Benchmarks;

// dotnet run -c Release --project bench/NodeAgents.Benchmarks -- --peak 20000   (peak-memory figures)
// dotnet run -c Release --project bench/NodeAgents.Benchmarks -- --job short --filter '*'   (BenchmarkDotNet)
if (args.Length == 2 && args[0] == "--peak" && int.TryParse(args[1], out var count))
{
    return PeakMemory.Run(count);
}

BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args);
return 0;
