using System.Globalization;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Ring;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Tests.Reminders;

/// <summary>
/// Real silos in one process with the clustered reminder service over one shared storage and one manual clock; each
/// silo reads membership from its own <see cref="TestMembershipService"/>, so a test decides what every silo sees.
/// </summary>
public sealed class ReminderTestCluster : IAsyncDisposable
{
    private readonly List<Member> _members = [];
    private long _version;

    public ManualTimeProvider Time { get; } = new();

    public MemoryGrainStorage Storage { get; } = new();

    public EventRecorder Recorder { get; } = new();

    /// <summary>Warnings and errors of every silo, with their exceptions (for diagnosing a failed assertion).</summary>
    public WarningLog Warnings { get; } = new();

    public static GrainId GrainOf(string key) => GrainId.Create(RingReminderGrain.TypeName, key);

    public async Task<Member> StartSilo(int port)
    {
        var membership = new TestMembershipService();
        var silo = await TestSilo.StartAsync(
            s => s
                .Configure<SiloOptions>(o => { o.SiloPort = port; o.SiloName = "r" + port.ToString(CultureInfo.InvariantCulture); })
                .UseClusteredReminderService(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)),
            services =>
            {
                services.AddSingleton<TimeProvider>(Time);
                services.AddKeyedSingleton<IGrainStorage>("Default", Storage);
                services.AddSingleton(Recorder);
                services.AddSingleton<IClusterMembershipService>(membership);
                services.AddLogging(l => l.AddProvider(Warnings));
            });
        var member = new Member(silo, membership);
        _members.Add(member);
        return member;
    }

    /// <summary>Publishes one new view, with these statuses, to each of <paramref name="to"/>.</summary>
    public void Publish(IEnumerable<Member> to, params (Member Member, SiloStatus Status)[] view)
    {
        var snapshot = TestMembershipService.Snapshot(Interlocked.Increment(ref _version), view.Select(v => (v.Member.Address, v.Status)));
        foreach (var member in to)
        {
            member.Membership.Publish(snapshot);
        }
    }

    /// <summary>Publishes a view in which exactly <paramref name="active"/> are Active, to each of them.</summary>
    public void PublishActive(params Member[] active) => Publish(active, active.Select(m => (m, SiloStatus.Active)).ToArray());

    /// <summary>Ticks recorded so far.</summary>
    public IReadOnlyList<Tick> Ticks() => Recorder.Events.Where(e => e.StartsWith("ring:", StringComparison.Ordinal)).Select(Tick.Parse).ToList();

    /// <summary>Fires timers that are due now until <paramref name="condition"/> holds (ticks complete on the thread pool).</summary>
    public async Task<bool> PumpUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            Time.Advance(TimeSpan.Zero);
            if (condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return condition();
    }

    public async Task RefreshAll(params Member[] members)
    {
        foreach (var member in members)
        {
            await member.Reminders.Refresh();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members.Where(m => !m.Stopped))
        {
            await member.Silo.DisposeAsync();
        }
    }

    public sealed class Member(TestSilo silo, TestMembershipService membership)
    {
        public TestSilo Silo { get; } = silo;

        public TestMembershipService Membership { get; } = membership;

        public SiloAddress Address { get; } = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        public int Port => Address.Endpoint.Port;

        public IReminderService Reminders { get; } = silo.Services.GetRequiredService<IReminderService>();

        public bool Stopped { get; private set; }

        public IReadOnlyCollection<ReminderEntry> Local => Reminders.LocalReminders;

        public async Task Stop()
        {
            Stopped = true;
            await Silo.DisposeAsync();
        }
    }

    public sealed record Tick(string Key, string Name, DateTime Due, int Port)
    {
        public static Tick Parse(string text)
        {
            // "ring:{key}:{name}:{due:O}@{port}"; keys and names in these tests contain neither ':' nor '@'.
            int at = text.LastIndexOf('@');
            var head = text[5..at];
            int first = head.IndexOf(':');
            int second = head.IndexOf(':', first + 1);
            return new Tick(
                head[..first],
                head[(first + 1)..second],
                DateTime.Parse(head[(second + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                int.Parse(text[(at + 1)..], CultureInfo.InvariantCulture));
        }
    }

    public sealed class WarningLog : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

        public IReadOnlyList<string> Entries => _entries.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        public override string ToString() => string.Join(Environment.NewLine, _entries);

        private sealed class Logger(WarningLog owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner._entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
