using System.Numerics;
using BenchmarkDotNet.Attributes;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2;
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
/// Sequencer throughput in process, on file storage: <see cref="TransactionCount"/> signed EIP-1559 transfers from
/// <see cref="AccountCount"/> funded accounts go through the whole path — decode and recover the sender (ingress
/// stateless workers, in parallel), account checks, admission, ordering, execution, sealing and the create-only block
/// write (with index entries behind it) — against the bare signature recovery of the same transactions, in parallel on
/// the same cores (the baseline). Every figure is per transaction (OperationsPerInvoke): tx/s = 1 s / Mean.
/// <see cref="SequencerOnly"/> hands pre-recovered transactions straight to the sequencer to separate its cost from the
/// ingress and account grains.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks -- --filter '*SequencerThroughput*' --job short --inProcess</c>
/// (each invocation seals 4,000 transactions, so the short job is plenty).</remarks>
public class SequencerThroughputBenchmarks
{
    public const int TransactionCount = 4_000;
    public const int AccountCount = 400;
    private const ulong ChainId = 7777;

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    private PrivateKey[] _keys = [];
    private byte[][] _raw = [];
    private Microsoft.Extensions.Hosting.IHost? _host;
    private string _directory = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, AccountCount).Select(i => PrivateKey.FromBytes(Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"bench key {i}")))).ToArray();
        _raw = new byte[TransactionCount][];
        Parallel.For(0, TransactionCount, i =>
        {
            var key = _keys[i % AccountCount];
            _raw[i] = new DynamicFeeTransaction
            {
                ChainId = ChainId,
                Nonce = (ulong)(i / AccountCount),
                MaxPriorityFeePerGas = 1_000_000_000 + (i % 7),
                MaxFeePerGas = 50_000_000_000,
                GasLimit = 21_000,
                To = Recipient,
                Value = 1 + i,
            }.Sign(key).Encode();
        });
    }

    [IterationSetup]
    public void StartSilo()
    {
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
            o.GenesisAlloc = _keys.Select(k => new GenesisAccount(Address.FromPublicKey(k.PublicKey), BigInteger.Pow(10, 21))).ToList();
        }));
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();
        Sequencer.StartAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void StopSilo()
    {
        _host!.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
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
    public async Task<ulong> FullPipeline()
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

    /// <summary>
    /// The same path with sealing overlapping the submissions, as the block timer does on a running devnet: blocks are
    /// sealed back to back while transactions are still arriving, until every one is sealed.
    /// </summary>
    [Benchmark(OperationsPerInvoke = TransactionCount)]
    public async Task<ulong> FullPipelineOverlapped()
    {
        var ingress = Grains.GetGrain<ITransactionIngressGrain>(0);
        var sends = new Task<Hash32>[TransactionCount];
        for (var i = 0; i < TransactionCount; i++)
        {
            sends[i] = ingress.SendRawTransactionAsync(_raw[i]);
        }

        var sequencer = Sequencer;
        var sealedCount = 0ul;
        while (sealedCount < TransactionCount)
        {
            // Sampled before sealing: an admission that completes during the seal goes into the next block.
            var allSent = sends.All(t => t.IsCompleted);
            var next = await sequencer.SealBlockAsync();
            var block = await Grains.GetGrain<IBlockGrain>((long)next.Number).GetBlockAsync();
            sealedCount += (ulong)block!.Transactions.Count(t => !t.IsSystem);
            if (sealedCount < TransactionCount && allSent && block.Transactions.All(t => t.IsSystem))
            {
                var failure = sends.FirstOrDefault(t => t.IsFaulted)?.Exception?.InnerException;
                throw new InvalidOperationException(
                    $"Only {sealedCount} of {TransactionCount} transactions were sealed; {sends.Count(t => t.IsFaulted)} submissions failed: {failure?.Message}", failure);
            }
        }

        await Task.WhenAll(sends);
        return sealedCount;
    }

    /// <summary>Pre-recovered transactions admitted straight to the sequencer, then sealed (its own cost, re-execution included).</summary>
    [Benchmark(OperationsPerInvoke = TransactionCount)]
    public async Task<ulong> SequencerOnly()
    {
        var submitted = new SubmittedTransaction[TransactionCount];
        Parallel.For(0, TransactionCount, i => submitted[i] = TransactionIngressGrain.Decode(_raw[i], ChainId, 128 * 1024));
        var sequencer = Sequencer;
        var admits = new Task<Hash32>[TransactionCount];
        for (var i = 0; i < TransactionCount; i++)
        {
            admits[i] = sequencer.AdmitAsync(submitted[i]);
        }

        await Task.WhenAll(admits);
        return await SealAllAsync();
    }

    private async Task<ulong> SealAllAsync()
    {
        var sequencer = Sequencer;
        var sealedCount = 0ul;
        var head = await sequencer.GetHeadAsync();
        while (true)
        {
            var next = await sequencer.SealBlockAsync();
            var block = await Grains.GetGrain<IBlockGrain>((long)next.Number).GetBlockAsync();
            var users = (ulong)block!.Transactions.Count(t => !t.IsSystem);
            sealedCount += users;
            if (users == 0)
            {
                break;
            }
        }

        if (sealedCount != TransactionCount)
        {
            throw new InvalidOperationException($"Sealed {sealedCount} of {TransactionCount} transactions after block {head.Number}.");
        }

        return sealedCount;
    }
}
