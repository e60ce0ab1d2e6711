using System.Globalization;
using Hemi.Cluster.Tests.Infrastructure;
using Hemi.Cluster.TestHost.Hosting;

namespace Hemi.Benchmarks.Cluster;

/// <summary>
/// Calls per second from silo A to locator grains living on A (in-silo baseline) and on B (cross-silo), measured in
/// the same run with the same callers and grain count; reports the ratio. Two real silo processes on loopback.
/// </summary>
internal sealed class CallRateBenchmark(TimeSpan duration, int concurrency, FailureDetectionProfile profile)
{
    public async Task<int> RunAsync()
    {
        // Production failure detection by default: saturating a 2-core machine delays probes past the test profile's
        // 1 s probe timeout, and the silos would vote each other out mid-run (there is no local-health or
        // connection-liveness check yet).
        await using var cluster = ProcessCluster.Create(Console.WriteLine, profile, prefix: "bench");
        var silos = await cluster.StartSilosAsync(2);
        await cluster.WaitUntilAllSeeActiveAsync(silos, silos, TimeSpan.FromMinutes(3));
        var (a, b) = (silos[0], silos[1]);
        var seconds = ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var callers = concurrency.ToString(CultureInfo.InvariantCulture);

        // B calls its grains first so that they are activated there whatever the placement strategy (prefer-local,
        // random); A then keeps only keys that live where it wants them.
        await b.SendAsync($"bench-calls 1 {callers} {b.AddressText} remote", TimeSpan.FromMinutes(2));
        await a.SendAsync($"bench-calls 1 {callers} {a.AddressText} local", TimeSpan.FromMinutes(2)); // warm-up
        await a.SendAsync($"bench-calls 1 {callers} {b.AddressText} remote", TimeSpan.FromMinutes(2)); // warm-up

        var local1 = Rate(await a.SendAsync($"bench-calls {seconds} {callers} {a.AddressText} local", duration * 3));
        var remote = Rate(await a.SendAsync($"bench-calls {seconds} {callers} {b.AddressText} remote", duration * 3));
        var local2 = Rate(await a.SendAsync($"bench-calls {seconds} {callers} {a.AddressText} local", duration * 3));
        var local = (local1 + local2) / 2;
        Console.WriteLine($"RESULT in-silo calls/s (A→A, {concurrency} callers): {local:F0} (runs {local1:F0}, {local2:F0})");
        Console.WriteLine($"RESULT cross-silo calls/s (A→B, {concurrency} callers): {remote:F0}");
        Console.WriteLine($"RESULT ratio cross-silo / in-silo: {remote / local:F4} (in-silo is {local / remote:F1}x faster)");
        return 0;
    }

    private static double Rate(string reply)
    {
        var parts = reply.Split(' ');
        return double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
    }
}
