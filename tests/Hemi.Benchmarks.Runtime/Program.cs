using BenchmarkDotNet.Running;

namespace Hemi.Benchmarks.Runtime;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Hemi.Benchmarks.Runtime -- --filter '*GrainCall*' --job short --inProcess</c>,
/// or <c>-- throughput</c> for a plain wall-clock and CPU-time run.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["throughput", ..])
        {
            int grains = args.FirstOrDefault(a => a.StartsWith("grains=", StringComparison.Ordinal)) is { } g ? int.Parse(g[7..], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
            ThroughputProbe.RunAsync(responseTimeouts: !args.Contains("no-timeouts"), grains: grains).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
