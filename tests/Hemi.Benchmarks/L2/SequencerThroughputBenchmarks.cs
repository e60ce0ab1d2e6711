using System.Numerics;
using BenchmarkDotNet.Attributes;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Accounts;
using Hemi.Grains.L2.Ingress;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Benchmarks.L2;

/// <summary>
/// Sequencer throughput in process, on file storage, in steady state: one silo runs for the whole row, and every
/// iteration sends it the next <see cref="TransactionCount"/> signed EIP-1559 transfers from <see cref="AccountCount"/>
/// funded accounts (the next nonces of each) through the whole path — decode and recover the sender (ingress stateless
/// workers, in parallel), account checks, admission, ordering, execution, sealing and the create-only block write (no
/// per-transaction objects: hash lookups are served from memory) — against the bare signature recovery of the same
/// transactions, in parallel on the same cores (the baseline). Every figure is per transaction (OperationsPerInvoke):
/// tx/s = 1 s / Mean. <see cref="SequencerOnly"/> hands pre-recovered transactions straight to the sequencer to separate
/// its cost from the ingress and account grains. <see cref="FullPipeline"/> seals only after every admission;
/// <see cref="FullPipelineOverlapped"/> lets the sequencer seal a block whenever <see cref="OverlappedMinBlockTransactions"/>
/// were admitted, while the remaining signatures are still being recovered (as a running devnet does between timer ticks).
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks -- --filter '*SequencerThroughput*'</c>
/// (<see cref="SequencerThroughputConfig"/>: in process, ten warmups and ten iterations). Signing the next batch and
/// checking the blocks of the last one (each transaction sealed exactly once, no early block below the minimum) happen
/// outside the measured time. A silo started per iteration instead pays for activating the account grains and for growing
/// its pool, journal and hash index from empty inside every measurement; a sequencer that runs for days does not.
/// An iteration is large (16,000 transfers, about 170 MB allocated) so that the garbage collections the work causes fall
/// inside the measurement: BenchmarkDotNet collects between iterations, and with 4,000 per iteration server GC's gen-0
/// budget absorbed a whole iteration, which left its collection out of the figure. Larger bursts also make the drain at
/// the end of each one (the last block sealed while nothing else is left to recover) a smaller share, as in a steady stream.
/// </remarks>
[Config(typeof(SequencerThroughputConfig))]
public class SequencerThroughputBenchmarks
{
    public const int TransactionCount = 16_000;
    public const int OverlappedMinBlockTransactions = 1_000;
    private const ulong ChainId = 7777;

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    /// <summary>
    /// Senders: 400 (each block of 1,000 has every sender two or three times) and 1,600 (every transaction of a block from a
    /// different account: one read-model update per transaction instead of one per 2.5, and more of the state trie rewritten).
    /// </summary>
    [Params(400, 1_600)]
    public int AccountCount { get; set; } = 400;

    private PrivateKey[] _keys = [];
    private byte[][] _raw = [];
    private Microsoft.Extensions.Hosting.IHost? _host;
    private string _directory = string.Empty;
    private int _minBlockTransactions;
    private int _iteration;
    private ulong _headBeforeIteration;
    private Hash32[] _lastOfEachAccount = [];
    private HashSet<Hash32> _sentInIteration = [];
    private bool _sealedInIteration;

    [GlobalSetup(Targets = [nameof(VerifySignaturesOnly), nameof(FullPipeline), nameof(SequencerOnly)])]
    public void StartSilo() => StartSilo(minBlockTransactions: 0);

    [GlobalSetup(Target = nameof(FullPipelineOverlapped))]
    public void StartSiloSealingEarly() => StartSilo(OverlappedMinBlockTransactions);

    [GlobalCleanup]
    public void StopSilo()
    {
        _host!.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Signs the next nonces of every account, <see cref="TransactionCount"/> in all (not measured).</summary>
    [IterationSetup]
    public void SignNextBatch()
    {
        var firstNonce = (ulong)(_iteration * (TransactionCount / AccountCount));
        _iteration++;
        var raw = new byte[TransactionCount][];
        Parallel.For(0, TransactionCount, i =>
        {
            var key = _keys[i % AccountCount];
            raw[i] = new DynamicFeeTransaction
            {
                ChainId = ChainId,
                Nonce = firstNonce + (ulong)(i / AccountCount),
                MaxPriorityFeePerGas = 1_000_000_000 + (i % 7),
                // Far above any base fee a run reaches: sustained full blocks raise it by 12.5 % per block (EIP-1559).
                MaxFeePerGas = BigInteger.Pow(10, 24),
                GasLimit = 21_000,
                To = Recipient,
                Value = 1 + i,
            }.Sign(key).Encode();
        });
        _raw = raw;

        // Nonces are sealed in order, so once each account's last transaction is in a block, all of them are.
        var hashes = _raw.Select(r => new Hash32(Keccak256.Hash(r))).ToArray();
        _lastOfEachAccount = hashes[^AccountCount..];
        _sentInIteration = [.. hashes];
        _headBeforeIteration = Sequencer.GetHeadAsync().GetAwaiter().GetResult().Number;
    }

    /// <summary>Checks the blocks sealed in the iteration (not measured).</summary>
    [IterationCleanup]
    public void CheckIteration()
    {
        if (_sealedInIteration)
        {
            VerifySealedAsync().GetAwaiter().GetResult();
            _sealedInIteration = false;
        }
    }

    private void StartSilo(int minBlockTransactions)
    {
        _keys = Enumerable.Range(0, AccountCount).Select(i => PrivateKey.FromBytes(Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"bench key {i}")))).ToArray();
        _minBlockTransactions = minBlockTransactions;
        _iteration = 0;
        _directory = Path.Combine(Path.GetTempPath(), "hemi-seq-bench-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddMemoryGrainStorage();
        builder.Services.AddFileObjectStore(GrainStorageServiceCollectionExtensions.DefaultProviderName, o => o.RootDirectory = _directory);
        builder.UseSilo(silo => silo.AddHemiL2(o =>
        {
            o.ChainId = ChainId;
            o.BlockInterval = TimeSpan.Zero;
            o.MaxPoolSize = TransactionCount * 2;
            o.SnapshotInterval = 1_000;
            o.MinBlockTransactions = _minBlockTransactions;
            o.GenesisAlloc = _keys.Select(k => new GenesisAccount(Address.FromPublicKey(k.PublicKey), BigInteger.Pow(10, 32))).ToList();
        }));
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        Sequencer.StartAsync().GetAwaiter().GetResult();
    }

    private IGrainFactory Grains => _host!.Services.GetRequiredService<IClusterClient>();

    private ISequencerGrain Sequencer => Grains.GetGrain<ISequencerGrain>((long)ChainId);

    /// <summary>Recovers every sender, in parallel: the floor any sequencer that checks signatures must pay.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TransactionCount)]
    public int VerifySignaturesOnly()
    {
        var count = 0;
        Parallel.For(0, TransactionCount, i =>
        {
            _ = TransactionIngressGrain.Decode(_raw[i], ChainId, 128 * 1024);
            Interlocked.Increment(ref count);
        });
        return count;
    }

    /// <summary>Raw bytes → ingress (decode, recover) → account checks → sequencer → sealed blocks on file storage.</summary>
    [Benchmark(OperationsPerInvoke = TransactionCount)]
    public Task<ulong> FullPipeline() => SendAllThroughIngressAndSealAsync();

    /// <summary>
    /// The same path with sealing overlapping the arrivals: the sequencer seals a block each time
    /// <see cref="OverlappedMinBlockTransactions"/> transactions were admitted (blocks of 1,000–1,428 transfers, never a
    /// burst of tiny ones) while the ingress keeps recovering senders on the other core; the rest is sealed at the end.
    /// </summary>
    [Benchmark(OperationsPerInvoke = TransactionCount)]
    public Task<ulong> FullPipelineOverlapped() => SendAllThroughIngressAndSealAsync();

    /// <summary>Pre-recovered transactions admitted straight to the sequencer in batches, then sealed (its own cost).</summary>
    [Benchmark(OperationsPerInvoke = TransactionCount)]
    public async Task<ulong> SequencerOnly()
    {
        var submitted = new SubmittedTransaction[TransactionCount];
        Parallel.For(0, TransactionCount, i => submitted[i] = TransactionIngressGrain.Decode(_raw[i], ChainId, 128 * 1024));
        var sequencer = Sequencer;
        for (var i = 0; i < TransactionCount; i += SequencerAdmissionBatcher.MaxBatchSize)
        {
            // In batches, as the account grains' batcher hands them over.
            var outcomes = await sequencer.AdmitBatchAsync(submitted[i..Math.Min(TransactionCount, i + SequencerAdmissionBatcher.MaxBatchSize)]);
            if (outcomes.FirstOrDefault(o => !o.Admitted) is { } refused)
            {
                throw refused.ToException();
            }
        }

        return await SealAllAsync();
    }

    // Both pipeline rows run this; they differ only in the sequencer's MinBlockTransactions (set per row by its IterationSetup).
    private async Task<ulong> SendAllThroughIngressAndSealAsync()
    {
        var ingress = Grains.GetGrain<ITransactionIngressGrain>(0);
        var sends = new Task<Hash32>[TransactionCount];
        for (var i = 0; i < TransactionCount; i++)
        {
            sends[i] = ingress.SendRawTransactionAsync(_raw[i]);
        }

        await Task.WhenAll(sends);
        return await SealAllAsync();
    }

    /// <summary>Seals until every account's last transaction is in a block.</summary>
    private async Task<ulong> SealAllAsync()
    {
        _sealedInIteration = true;
        var sequencer = Sequencer;
        for (var round = 0; ; round++)
        {
            var head = await sequencer.SealBlockAsync();
            var locations = await Task.WhenAll(_lastOfEachAccount.Select(sequencer.GetTransactionLocationAsync));
            if (locations.All(l => l?.BlockNumber is not null))
            {
                return head.Number;
            }

            if (round > TransactionCount)
            {
                throw new InvalidOperationException($"Transactions are still unsealed at block {head.Number}.");
            }
        }
    }

    /// <summary>Every transaction of the iteration is in exactly one of its blocks, and no early-sealed block was below the minimum.</summary>
    private async Task VerifySealedAsync()
    {
        var head = await Sequencer.GetHeadAsync();
        var sealedHashes = new List<Hash32>();
        ulong lastWithUsers = 0;
        var sizes = new List<(ulong Number, int Users)>();
        for (var number = _headBeforeIteration + 1; number <= head.Number; number++)
        {
            var users = (await Grains.GetGrain<IBlockGrain>((long)number).GetBlockAsync())!.Transactions.Where(t => !t.IsSystem).ToList();
            sizes.Add((number, users.Count));
            sealedHashes.AddRange(users.Select(t => t.Hash));
            if (users.Count > 0)
            {
                lastWithUsers = number;
            }
        }

        // Only the final explicit seal (the remainder) may be below the minimum.
        if (sizes.FirstOrDefault(b => b.Users > 0 && b.Users < _minBlockTransactions && b.Number != lastWithUsers) is { Number: > 0 } tiny)
        {
            throw new InvalidOperationException($"Block {tiny.Number} was sealed early with only {tiny.Users} transactions (minimum {_minBlockTransactions}).");
        }

        if (sealedHashes.Count != TransactionCount || !_sentInIteration.SetEquals(sealedHashes))
        {
            throw new InvalidOperationException($"Sealed {sealedHashes.Count} transactions in blocks {_headBeforeIteration + 1}..{head.Number}; expected exactly the iteration's {TransactionCount}.");
        }
    }
}
