using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Scheduler;

public sealed class CallTimeoutTests
{
    [Fact]
    public async Task CallCycleBetweenNonReentrantGrains_TimesOutAndSiloStaysHealthy()
    {
        // The timeout bounds every call of this silo, not only the cycle: at 500 ms the first call to a new grain (its
        // activation included) missed it on a busy test machine. 3 s is still far below the 30 s default.
        await using var silo = await TestSilo.StartAsync(s => s.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(3)));
        var a = silo.GrainFactory.GetGrain<ICycleGrain>("A");

        // A calls B calls A: A is busy (awaiting B), so B's call waits for A until the response timeout.
        await Assert.ThrowsAsync<TimeoutException>(() => a.CallOther("B", 2));

        Assert.Equal("pong:C", await silo.GrainFactory.GetGrain<ICycleGrain>("C").Ping());
        Assert.True(await Eventually.TrueAsync(() =>
        {
            try
            {
                return a.Ping().Wait(TimeSpan.FromSeconds(1));
            }
            catch (AggregateException)
            {
                return false;
            }
        }));
        Assert.Equal(2, await a.CallOther("D", 1));
    }
}
