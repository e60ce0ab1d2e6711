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

    [Fact]
    public async Task AFarDueTime_IsReachedInSteps_AndAnAbsurdRowDoesNotStopTheOthers()
    {
        // A row whose schedule overflows DateTime (as a corrupt document could hold) sits next to a reminder due in
        // 36 hours, longer than the service lets one timer wait (a day; System timers stop at about 49 days).
        var table = new GrainStorageReminderTable(_storage);
        await table.UpsertRow(new ReminderEntry
        {
            GrainId = GrainId.Create("remindertest", "absurd"),
            ReminderName = "overflow",
            StartAt = _time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(1),
            Period = TimeSpan.MaxValue,
        });
        var silo = await StartSiloAsync();
        await silo.GrainFactory.GetGrain<IReminderTestGrain>("far").Register("slow", TimeSpan.FromHours(36), TimeSpan.FromDays(3));
        await silo.DisposeAsync();

        await using var restarted = await StartSiloAsync(); // loads both rows
        _time.Advance(TimeSpan.FromHours(35));
        await Task.Delay(50);
        Assert.Equal(0, _recorder.Count("tick:"));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(await Eventually.TrueAsync(() => _recorder.Count("tick:far:slow:2026-01-02T12:00:00") == 1));
        Assert.Equal(0, _recorder.Count("tick:absurd"));
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
