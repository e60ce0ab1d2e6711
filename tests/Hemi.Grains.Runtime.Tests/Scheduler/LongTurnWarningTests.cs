using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Tests.Scheduler;

public sealed class LongTurnWarningTests
{
    [Fact]
    public async Task TurnLongerThanThreshold_IsLoggedAsWarning()
    {
        var logs = new ListLoggerProvider();
        await using var silo = await TestSilo.StartAsync(
            s => s.Configure<SchedulingOptions>(o => o.TurnWarningLengthThreshold = TimeSpan.FromMilliseconds(500)),
            services => services.AddSingleton<ILoggerProvider>(logs));
        var grain = silo.GrainFactory.GetGrain<ISlowGrain>("slow");

        await grain.BlockFor(1);
        Assert.DoesNotContain(logs.Entries, e => e.Id.Id == 101);

        await grain.BlockFor(700);
        Assert.True(await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Id.Id == 101 && e.Level == LogLevel.Warning)));
    }
}
