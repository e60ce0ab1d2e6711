using BenchmarkDotNet.Attributes;
using Hemi.Bitcoin.Node;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains;
using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Benchmarks.Pop;

/// <summary>
/// Keystone-to-superfinal latency on one silo with the embedded regtest node mining a block every second, the PoP miner
/// loop and the chain grain's refresh on 200 ms timers. <see cref="KeystonesToSuperfinal"/> submits
/// <see cref="Keystones"/> keystones at once and waits until every one reports <c>SuperFinality</c>; the baseline
/// <see cref="TenBlockIntervals"/> waits for 10 blocks of the same node (the floor: superfinality needs 10 blocks on top
/// of the publishing one). Per-keystone median and p95 (and their ratio to the measured floor) are printed at cleanup.
/// Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks -- --filter '*PopLatency*'</c>.
/// </summary>
[Config(typeof(PopLatencyConfig))]
public class PopLatencyBenchmarks
{
    private const string MinerId = "popm-latency";
    private static readonly TimeSpan BlockInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LoopInterval = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] OtherScript = [0x51];

    private readonly List<double> _latencies = [];
    private readonly List<double> _floors = [];
    private readonly List<DateTimeOffset> _blockTimes = [];
    private readonly Lock _lock = new();
    private RegtestNode _node = null!;
    private IHost _host = null!;
    private uint _nextKeystone = 25;

    /// <summary>Keystones submitted together per measured invocation.</summary>
    [Params(5)]
    public int Keystones { get; set; }

    private IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var keyHex = Hex.Encode(Sha256.Hash("pop latency benchmark key"u8));
        using var key = PrivateKey.FromBytes(Hex.Decode(keyHex));
        var store = new MemoryObjectStore();
        // Fund enough mature coins for every invocation first, then restart the node with its 1 s mining timer.
        await using (var funding = await RegtestNode.CreateAsync(store))
        {
            await funding.GenerateToAddressAsync(Keystones * 8, PopTransactionFactory.MinerScript(key.PublicKey));
            await funding.GenerateToAddressAsync(RegtestNode.CoinbaseMaturity, OtherScript);
        }

        _node = await RegtestNode.CreateAsync(store, new RegtestNodeOptions { BlockInterval = BlockInterval, TimerMiningScriptPubKey = OtherScript });
        _node.TipChanged += OnTipChanged;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_node);
        builder.Services.AddSingleton<IBitcoinSource>(_node);
        builder.Services.AddMemoryGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName);
        builder.Services.AddPopMiner(MinerId, o =>
        {
            o.PrivateKeyHex = keyHex;
            o.StaticFeeSatPerVByte = 2;
            o.LoopInterval = LoopInterval;
        });
        builder.UseSilo(silo => silo.AddHemiGrains(chain => chain.PollInterval = LoopInterval));
        _host = builder.Build();
        await _host.StartAsync();
        // Activate both timers.
        await Grains.GetGrain<IBitcoinChainGrain>("regtest").RefreshAsync();
        await Grains.GetGrain<IPopMinerGrain>(MinerId).GetStateAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task TenBlockIntervals()
    {
        var start = (await _node.GetTipAsync()).Height;
        var started = DateTimeOffset.UtcNow;
        while ((await _node.GetTipAsync()).Height < start + 10)
        {
            await Task.Delay(10);
        }

        lock (_lock)
        {
            _floors.Add((DateTimeOffset.UtcNow - started).TotalSeconds);
        }
    }

    [Benchmark]
    public async Task KeystonesToSuperfinal()
    {
        var keystones = Enumerable.Range(0, Keystones).Select(_ => NextKeystone()).ToArray();
        var started = DateTimeOffset.UtcNow;
        foreach (var keystone in keystones)
        {
            await Grains.GetGrain<IKeystoneGrain>(HashOf(keystone)).SubmitAsync(keystone);
        }

        var pending = keystones.Select(k => Grains.GetGrain<IKeystoneGrain>(HashOf(k))).ToList();
        var deadline = started + TimeSpan.FromMinutes(2);
        while (pending.Count > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{pending.Count} keystones were not superfinal after 2 minutes.");
            }

            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if ((await pending[i].GetFinalityAsync())?.SuperFinality == true)
                {
                    lock (_lock)
                    {
                        _latencies.Add((DateTimeOffset.UtcNow - started).TotalSeconds);
                    }

                    pending.RemoveAt(i);
                }
            }

            await Task.Delay(20);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _node.TipChanged -= OnTipChanged;
        await _host.StopAsync();
        _host.Dispose();
        await _node.DisposeAsync();
        lock (_lock)
        {
            // The floor from the block timestamps seen during the whole run (10 consecutive intervals), independent of
            // which benchmark ran: median over every window.
            var windows = new List<double>();
            for (var i = 10; i < _blockTimes.Count; i++)
            {
                windows.Add((_blockTimes[i] - _blockTimes[i - 10]).TotalSeconds);
            }

            var floor = windows.Count > 0 ? Percentile(windows, 0.5) : _floors.Count > 0 ? Percentile(_floors, 0.5) : double.NaN;
            if (_latencies.Count > 0)
            {
                var median = Percentile(_latencies, 0.5);
                var p95 = Percentile(_latencies, 0.95);
                Console.WriteLine(
                    $"// PoP latency: {_latencies.Count} keystones, median {median:F2} s, p95 {p95:F2} s; " +
                    $"floor (10 block intervals, median of {windows.Count} windows) {floor:F2} s; ratio median {median / floor:F2}, p95 {p95 / floor:F2}");
            }
            else if (_floors.Count > 0)
            {
                Console.WriteLine($"// PoP latency floor: 10 block intervals median {Percentile(_floors, 0.5):F2} s over {_floors.Count} runs");
            }
        }
    }

    private void OnTipChanged(object? sender, TipChange change)
    {
        lock (_lock)
        {
            _blockTimes.Add(DateTimeOffset.UtcNow);
        }
    }

    private L2Keystone NextKeystone()
    {
        var number = _nextKeystone;
        _nextKeystone += L2Keystone.DefaultPeriod;
        return new L2Keystone
        {
            L1BlockNumber = 1000 + number,
            L2BlockNumber = number,
            ParentEPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"latency parent {number}")),
            PrevKeystoneEPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"latency prev {number}")),
            StateRoot = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"latency state {number}")),
            EPHash = Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"latency ep {number}")),
        };
    }

    private static string HashOf(L2Keystone keystone) => keystone.Abbreviate().GetHash().ToString();

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
