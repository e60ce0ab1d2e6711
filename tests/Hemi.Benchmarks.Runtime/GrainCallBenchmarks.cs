using BenchmarkDotNet.Attributes;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Benchmarks.Runtime;

/// <summary>
/// In-silo grain calls per second over 10,000 grains with concurrent callers, against the same method called
/// directly on grain instances with the same caller structure (baseline). One benchmark invocation makes
/// <see cref="CallsPerInvocation"/> calls, so BenchmarkDotNet's per-operation time is per call.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    public const int CallsPerInvocation = 200_000;
    private const int Grains = 10_000;

    private IHost _host = null!;
    private IBenchGrain[] _references = null!;
    private BenchGrain[] _instances = null!;

    /// <summary>Concurrent callers (each awaits its calls one after another).</summary>
    [Params(256)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseSilo(silo => silo.AddGrainsFromAssembly(typeof(BenchGrain).Assembly));
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        var factory = _host.Services.GetRequiredService<IGrainFactory>();
        _references = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IBenchGrain>(i)).ToArray();
        _instances = Enumerable.Range(0, Grains).Select(_ => new BenchGrain()).ToArray();

        // Activate every grain before measuring.
        Task.WhenAll(_references.Select(r => r.Echo(0))).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerInvocation)]
    public Task<long> DirectInstanceCalls() => Run(static (self, key, i) => new ValueTask<int>(self._instances[key].Echo(i)));

    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    // Wrapping the Task in a ValueTask costs no allocation, so both variants share one driver.
    public Task<long> GrainCallsTask() => Run(static (self, key, i) => new ValueTask<int>(self._references[key].Echo(i)));

    [Benchmark(OperationsPerInvoke = CallsPerInvocation)]
    public Task<long> GrainCallsValueTask() => Run(static (self, key, i) => self._references[key].EchoValue(i));

    private async Task<long> Run(Func<GrainCallBenchmarks, int, int, ValueTask<int>> call)
    {
        int perCaller = CallsPerInvocation / Callers;
        var callers = new Task<long>[Callers];
        for (int c = 0; c < Callers; c++)
        {
            int caller = c;
            callers[c] = Task.Run(async () =>
            {
                long sum = 0;
                int key = caller * 37 % Grains;
                for (int i = 0; i < perCaller; i++)
                {
                    sum += await call(this, key, i);
                    key += 7919;
                    if (key >= Grains)
                    {
                        key -= Grains;
                    }
                }

                return sum;
            });
        }

        long total = 0;
        foreach (var result in await Task.WhenAll(callers))
        {
            total += result;
        }

        return total;
    }
}
