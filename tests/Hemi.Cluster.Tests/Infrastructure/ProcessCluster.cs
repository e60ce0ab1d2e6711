using System.Diagnostics;
using System.Globalization;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// N real silo processes (<c>hemi-cluster-testhost</c>) on loopback against the Azurite of the test command, under a
/// cluster id unique to the test. Start, kill (SIGKILL), freeze (SIGSTOP), thaw (SIGCONT), restart; read what the
/// cluster stored through <see cref="Storage"/>. Disposing kills every process it started, whatever happened.
/// Use <see cref="RunAsync"/> to get every process's output into the test output when the test fails.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly Action<string> _output;
    private readonly List<SiloProcess> _silos = [];
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, DateTime> _lastStartOnPort = [];
    private readonly List<string> _notes = [];
    private int _started;

    private ProcessCluster(Action<string> output, string connectionString, string clusterId, FailureDetectionProfile profile)
    {
        _output = output;
        ConnectionString = connectionString;
        ClusterId = clusterId;
        Profile = profile;
        Storage = new ClusterStorage(connectionString, clusterId, TestHostOptions.DefaultStateContainer(clusterId));
    }

    /// <summary>The Azurite connection string (from HEMI_AZURITE_CONNECTION_STRING).</summary>
    public string ConnectionString { get; }

    /// <summary>The cluster id, unique per test.</summary>
    public string ClusterId { get; }

    /// <summary>The failure-detection profile every silo of this cluster runs with.</summary>
    public FailureDetectionProfile Profile { get; }

    /// <summary>Readers of the cluster's membership table, directory and state in Azurite.</summary>
    public ClusterStorage Storage { get; }

    /// <summary>Every process started so far (killed ones included), in start order.</summary>
    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (_gate)
            {
                return [.. _silos];
            }
        }
    }

    /// <summary>The processes that have not exited.</summary>
    public IReadOnlyList<SiloProcess> Running => Silos.Where(s => !s.HasExited).ToList();

    /// <summary>How long a silo may take to start and join (a join may wait for a dead silo to be voted out).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Creates a cluster (no process yet) under a fresh cluster id; needs HEMI_AZURITE_CONNECTION_STRING.
    /// <paramref name="output"/> receives notes and, on failure, the processes' output (a test's output helper).
    /// </summary>
    public static ProcessCluster Create(Action<string> output, FailureDetectionProfile profile = FailureDetectionProfile.Test, string prefix = "t")
    {
        ArgumentNullException.ThrowIfNull(output);
        var connectionString = Environment.GetEnvironmentVariable("HEMI_AZURITE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException("HEMI_AZURITE_CONNECTION_STRING is not set: run through 'make test' (it starts Azurite).");
        }

        var clusterId = $"{prefix}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        return new ProcessCluster(output, connectionString, clusterId, profile);
    }

    /// <summary>Starts one silo on a free port (or <paramref name="siloPort"/>) and waits until it is Active.</summary>
    public async Task<SiloProcess> StartSiloAsync(int siloPort = 0, string? name = null)
    {
        var number = Interlocked.Increment(ref _started);
        var port = siloPort != 0 ? siloPort : TestHostOptions.FreeLoopbackPort();
        await WaitForNewGeneration(port);
        name ??= "silo" + number.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "--cluster-id", ClusterId,
            "--connection-string", ConnectionString,
            "--silo-port", port.ToString(CultureInfo.InvariantCulture),
            "--profile", Profile.ToString().ToLowerInvariant(),
            "--name", name,
        };
        Note($"starting {name} on port {port}");
        SiloProcess silo;
        try
        {
            silo = await SiloProcess.StartAsync(name, arguments, port, StartTimeout);
        }
        finally
        {
            // The process allocated its generation before this point (READY or failure).
            lock (_gate)
            {
                _lastStartOnPort[port] = DateTime.UtcNow;
            }
        }

        lock (_gate)
        {
            _silos.Add(silo);
        }

        Note($"{name} READY as {silo.AddressText}, gateway {silo.GatewayPort}, pid {silo.ProcessId}");
        return silo;
    }

    /// <summary>Starts <paramref name="count"/> silos concurrently and waits until each is Active.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(int count)
    {
        var silos = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartSiloAsync()));
        return silos;
    }

    /// <summary>SIGKILLs <paramref name="silo"/> (if running) and starts a new process on the same endpoint: a new generation.</summary>
    public async Task<SiloProcess> RestartAsync(SiloProcess silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (!silo.HasExited)
        {
            await KillAsync(silo);
        }

        var baseName = silo.Name.Split('#')[0];
        return await StartSiloAsync(silo.SiloPort, $"{baseName}#r{Interlocked.Increment(ref _started).ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>SIGKILLs <paramref name="silo"/>.</summary>
    public async Task KillAsync(SiloProcess silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Note($"SIGKILL {silo.Name} ({(silo.Address is null ? "?" : silo.AddressText)})");
        await silo.KillAsync();
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/> with
    /// <paramref name="describe"/>'s account of the last state. Returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0.#} s: {await describe()}");
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The stored membership table, one line per row (for failure messages).</summary>
    public async Task<string> DescribeMembershipAsync()
    {
        try
        {
            var table = await Storage.ReadMembershipAsync();
            return $"table v{table.Version.Version}: " + string.Join("; ", table.Members.Select(r => $"{SiloAddressText.Format(r.Entry.SiloAddress)}={r.Entry.Status} votes={r.Entry.SuspectTimes.Count}"));
        }
        catch (Exception e)
        {
            return "table unreadable: " + e.Message;
        }
    }

    /// <summary>A note in the test output (with the time since the cluster was created).</summary>
    public void Note(string text)
    {
        var line = _clock.Elapsed.TotalSeconds.ToString("000.000", CultureInfo.InvariantCulture) + " " + text;
        lock (_gate)
        {
            _notes.Add(line);
        }

        try
        {
            _output(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a late note from a background task).
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/> within <paramref name="timeout"/>; if it fails or times out, every process's
    /// output (stdout, stderr, harness notes) and the stored membership table go to the test output before the
    /// exception propagates. The processes are killed by <see cref="DisposeAsync"/> either way.
    /// </summary>
    public async Task RunAsync(Func<Task> test, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(test);
        try
        {
            await test().WaitAsync(timeout);
        }
        catch (Exception e)
        {
            _output($"TEST FAILED: {e.GetType().Name}: {e.Message}");
            _output(await DescribeMembershipAsync());
            foreach (var silo in Silos)
            {
                _output(silo.OutputTail(20_000));
            }

            if (e is TimeoutException && !e.Message.StartsWith("Not reached", StringComparison.Ordinal))
            {
                throw new TimeoutException($"The test did not finish within {timeout.TotalSeconds:0} s.", e);
            }

            throw;
        }
    }

    /// <summary>Kills every process (SIGKILL; thawing is not needed) and deletes the cluster's state container.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
        await Storage.DeleteStateAsync();
        Storage.Dispose();
    }

    private async Task WaitForNewGeneration(int port)
    {
        // Generations are whole seconds: a restart on the same port within the same second as the previous process
        // allocated its generation would reuse the dead identity. Start more than a second after that.
        TimeSpan wait;
        lock (_gate)
        {
            wait = _lastStartOnPort.TryGetValue(port, out var last) ? last.AddSeconds(1.1) - DateTime.UtcNow : TimeSpan.Zero;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
