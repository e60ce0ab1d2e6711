using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Tests.Reminders;

public sealed class ReminderServiceTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MemoryGrainStorage _storage = new();
    private readonly EventRecorder _recorder = new();

    [Fact]
    public async Task Reminder_TicksAndSurvivesASiloRestart()
    {
        var silo = await StartSiloAsync();
        var grain = silo.GrainFactory.GetGrain<IReminderTestGrain>("r1");
        await grain.Register("beat", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await Eventually.TrueAsync(() => _recorder.Count("tick:r1:beat") == 1));
        await silo.DisposeAsync();

        // The silo is down for a while; a new silo over the same storage picks the reminder up.
        _time.Advance(TimeSpan.FromSeconds(5));
        await using var restarted = await StartSiloAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await Eventually.TrueAsync(() => _recorder.Count("tick:r1:beat") == 2));
        Assert.Contains(_recorder.Events, e => e.StartsWith("tick:r1:beat:2026-01-01T00:00:20", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnregisteredReminder_StopsTicking()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.GrainFactory.GetGrain<IReminderTestGrain>("r2");
        await grain.Register("once", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.True(await grain.Has("once"));
        await grain.Unregister("once");
        Assert.False(await grain.Has("once"));
        _time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.Equal(0, _recorder.Count("tick:r2"));
    }

    [Fact]
    public async Task PeriodBelowMinimum_IsRejected()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.GrainFactory.GetGrain<IReminderTestGrain>("r3");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Register("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(10)));
    }

    private Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync(
        s => s.UseGrainStorageReminderService(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)),
        services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddKeyedSingleton<IGrainStorage>("Default", _storage);
            services.AddSingleton(_recorder);
        });
}
