using System.Diagnostics;
using System.Globalization;
using Hemi.Cluster.TestHost.Grains;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.TestHost.Control;

/// <summary>
/// Line commands on stdin, each answered on stdout as <c>@id OK result…</c> or <c>@id ERR ExceptionType message</c>;
/// commands run concurrently. Grain calls go through the silo's own <see cref="IClusterClient"/> (in-silo calls).
/// <list type="bullet">
/// <item><c>id status</c> → <c>OK version silo=Status,…</c>: this silo's membership view.</item>
/// <item><c>id increment key [expected]</c>, <c>id get key</c>, <c>id where key</c>, <c>id tick key ms</c>: counter grain.</item>
/// <item><c>id locate key</c>: locator grain; <c>id slow key ms</c>: slow grain.</item>
/// <item><c>id bench-calls seconds concurrency silo prefix</c> → <c>OK calls seconds</c>: pings from this silo to
/// <c>concurrency</c> locator grains (keys <c>prefix-N</c>) that live on <c>silo</c> (this one: in-silo calls; another:
/// cross-silo calls), one caller per grain.</item>
/// </list>
/// End of input means the harness is gone: the host is asked to stop, so no orphan silo outlives its test.
/// </summary>
public sealed class ControlChannel(TextReader input, HostEvents events, IClusterClient client, IClusterMembershipService membership)
{
    /// <summary>Reads commands until end of input, then calls <paramref name="onEndOfInput"/>.</summary>
    public async Task RunAsync(Action onEndOfInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEndOfInput);
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line;
            try
            {
                line = await input.ReadLineAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (line is null)
            {
                onEndOfInput();
                return;
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                _ = Task.Run(() => Execute(line), CancellationToken.None);
            }
        }
    }

    /// <summary>Runs one command line and prints its reply.</summary>
    public async Task Execute(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var id = parts[0];
        try
        {
            if (parts.Length < 2)
            {
                throw new TestHostArgumentException("Expected 'id command args…'.");
            }

            var result = await Run(parts[1], parts.AsSpan(2).ToArray());
            events.Line($"@{id} OK {result}".TrimEnd());
        }
        catch (Exception exception)
        {
            events.Line($"@{id} ERR {exception.GetType().Name} {exception.Message}");
        }
    }

    private async Task<string> Run(string command, string[] args)
    {
        switch (command)
        {
            case "status":
                var view = membership.CurrentSnapshot;
                return $"{view.Version.Value} " + string.Join(',', view.Members.Values
                    .OrderBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal)
                    .Select(m => $"{SiloAddressText.Format(m.SiloAddress)}={view.GetSiloStatus(m.SiloAddress)}"));
            case "increment":
                Require(args, 1);
                long? expected = args.Length > 1 && args[1] != "-" ? ParseLong(args[1]) : null;
                return Text(await Counter(args[0]).Increment(expected));
            case "get":
                Require(args, 1);
                return Text(await Counter(args[0]).Get());
            case "where":
                Require(args, 1);
                return await Counter(args[0]).WhereAreYou();
            case "tick":
                Require(args, 2);
                await Counter(args[0]).StartTicking((int)ParseLong(args[1]));
                return string.Empty;
            case "locate":
                Require(args, 1);
                return await client.GetGrain<ILocatorGrain>(args[0]).WhereAreYou();
            case "slow":
                Require(args, 2);
                return await client.GetGrain<ISlowGrain>(args[0]).Sleep((int)ParseLong(args[1]));
            case "bench-calls":
                Require(args, 4);
                return await BenchCalls(TimeSpan.FromSeconds(ParseLong(args[0])), (int)ParseLong(args[1]), args[2], args[3]);
            default:
                throw new TestHostArgumentException($"Unknown command '{command}'.");
        }
    }

    private ICounterGrain Counter(string key) => client.GetGrain<ICounterGrain>(key);

    private async Task<string> BenchCalls(TimeSpan duration, int concurrency, string silo, string prefix)
    {
        if (concurrency is < 1 or > 4096 || duration <= TimeSpan.Zero || duration > TimeSpan.FromMinutes(10))
        {
            throw new TestHostArgumentException("bench-calls needs 1..600 seconds and 1..4096 concurrent callers.");
        }

        // Placement decides where a new grain goes; keep the first keys that landed on the wanted silo.
        var grains = new List<ILocatorGrain>(concurrency);
        for (var i = 0; grains.Count < concurrency; i++)
        {
            if (i >= concurrency * 50)
            {
                throw new InvalidOperationException($"Only {grains.Count} of {i} locator grains landed on {silo}.");
            }

            var grain = client.GetGrain<ILocatorGrain>($"{prefix}-{i}");
            if (await grain.WhereAreYou() == silo)
            {
                grains.Add(grain);
            }
        }

        long calls = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select(async grain =>
        {
            var n = 0;
            while (clock.Elapsed < duration)
            {
                n = await grain.Ping(n);
                Interlocked.Increment(ref calls);
            }
        }));
        return $"{calls} {clock.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)}";
    }

    private static void Require(string[] args, int count)
    {
        if (args.Length < count)
        {
            throw new TestHostArgumentException($"Expected {count} argument(s).");
        }
    }

    private static long ParseLong(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TestHostArgumentException($"'{text}' is not an integer.");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
