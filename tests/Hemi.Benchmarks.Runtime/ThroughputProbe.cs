using System.Diagnostics;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Benchmarks.Runtime;

/// <summary>
/// A plain throughput run (<c>-- throughput</c>): wall-clock calls/s plus calls per CPU-second of this process.
/// On a shared, overloaded machine the wall-clock figure mostly measures the neighbours; CPU time shows what the
/// runtime itself costs, and 2 × calls per CPU-second estimates the rate on two dedicated cores.
/// </summary>
public static class ThroughputProbe
{
    public static async Task RunAsync(bool responseTimeouts = true, int calls = 2_000_000, int callers = 256, int grains = 10_000)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseSilo(silo =>
        {
            silo.AddGrainsFromAssembly(typeof(BenchGrain).Assembly);
            if (!responseTimeouts)
            {
                silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = Timeout.InfiniteTimeSpan);
            }
        });
        using var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var references = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IBenchGrain>(i)).ToArray();
        var instances = Enumerable.Range(0, grains).Select(_ => new BenchGrain()).ToArray();
        await Task.WhenAll(references.Select(r => r.Echo(0)));

        for (int round = 0; round < 2; round++)
        {
            var direct = await MeasureAsync("direct instance (baseline)", calls, callers, grains, (k, i) => instances[k].Echo(i));
            var grain = await MeasureAsync("grain call, Task<int>", calls, callers, grains, (k, i) => references[k].Echo(i));
            var grainValue = await MeasureAsync("grain call, ValueTask<int>", calls, callers, grains, (k, i) => references[k].EchoValue(i).AsTask());
            Console.WriteLine($"ratio grain/direct (wall): {direct.Wall / grain.Wall:F1}x slower; by CPU time: {direct.Cpu / grain.Cpu:F1}x");
            _ = grainValue;
        }

        await host.StopAsync();
    }

    private static async Task<(double Wall, double Cpu)> MeasureAsync(string name, int calls, int callers, int grains, Func<int, int, Task<int>> call)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var stopwatch = Stopwatch.StartNew();
        int perCaller = calls / callers;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            long sum = 0;
            int key = c * 37 % grains;
            for (int i = 0; i < perCaller; i++)
            {
                sum += await call(key, i);
                key = (key + 7919) % grains;
            }

            return sum;
        })));
        stopwatch.Stop();
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        int total = perCaller * callers;
        double wall = total / stopwatch.Elapsed.TotalSeconds;
        double cpu = total / cpuSeconds;
        Console.WriteLine($"{name,-28} {wall,12:N0} calls/s wall   {cpu,12:N0} calls/CPU-s   {allocated / (double)total,6:F0} B/call");
        return (wall, cpu);
    }
}
