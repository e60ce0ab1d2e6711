using System.Numerics;
using Hemi.Bitcoin.Node;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.Chain;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Pop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Tests.L2;

/// <summary>
/// One or more in-process silos over a shared L2 object store (memory or files) and a shared regtest node, with funded
/// development keys. The block timer is off: tests seal blocks with <c>SealBlockAsync</c> and refresh the Bitcoin chain
/// grain themselves.
/// </summary>
public sealed class L2Harness : IAsyncDisposable
{
    public const ulong ChainId = 7777;

    public static readonly BigInteger InitialBalance = BigInteger.Pow(10, 21);

    public static readonly BigInteger InitialHemiBtc = 5_000_000_000;

    private readonly List<IHost> _hosts = [];
    private readonly Action<SequencerOptions>? _configure;
    private readonly MemoryGrainStorage _grainStorage = new();
    private readonly string? _directory;

    private L2Harness(RegtestNode node, IObjectStore store, string? directory, Action<SequencerOptions>? configure, int keyCount)
    {
        Node = node;
        Store = store;
        _directory = directory;
        _configure = configure;
        Keys = Enumerable.Range(0, keyCount).Select(i => PrivateKey.FromBytes(Sha256.Hash(System.Text.Encoding.UTF8.GetBytes($"l2 test key {i}")))).ToArray();
        MinerScript = PopTransactionFactory.MinerScript(Keys[0].PublicKey);
    }

    public RegtestNode Node { get; }

    public IObjectStore Store { get; private set; }

    public PrivateKey[] Keys { get; }

    public byte[] MinerScript { get; }

    public IGrainFactory Grains => Client(0);

    public ISequencerGrain Sequencer => Grains.GetGrain<ISequencerGrain>((long)ChainId);

    public ITransactionIngressGrain Ingress => Grains.GetGrain<ITransactionIngressGrain>(0);

    public IBitcoinChainGrain Chain => Grains.GetGrain<IBitcoinChainGrain>("regtest");

    public static Address AddressOf(PrivateKey key) => Address.FromPublicKey(key.PublicKey);

    public Address AddressOf(int key) => AddressOf(Keys[key]);

    /// <summary>A harness over a memory object store (or files in a new temp folder when <paramref name="files"/>).</summary>
    public static async Task<L2Harness> StartAsync(Action<SequencerOptions>? configure = null, bool files = false, int keyCount = 4, int bitcoinBlocks = 3, Func<IObjectStore, IObjectStore>? wrapStore = null)
    {
        var node = await RegtestNode.CreateAsync(new MemoryObjectStore());
        string? directory = null;
        IObjectStore store;
        if (files)
        {
            directory = Path.Combine(Path.GetTempPath(), "hemi-l2-tests-" + Guid.NewGuid().ToString("N"));
            store = new FileObjectStore(new FileObjectStoreOptions { RootDirectory = directory });
        }
        else
        {
            store = new MemoryObjectStore();
        }

        if (wrapStore is not null)
        {
            store = wrapStore(store);
        }

        var harness = new L2Harness(node, store, directory, configure, keyCount);
        if (bitcoinBlocks > 0)
        {
            await node.GenerateToAddressAsync(bitcoinBlocks, harness.MinerScript);
        }

        await harness.StartSiloAsync();
        return harness;
    }

    public IGrainFactory Client(int silo) => _hosts[silo].Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts another silo over the same object store, node and grain storage; returns its index.</summary>
    public async Task<int> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Node);
        builder.Services.AddSingleton<IBitcoinSource>(Node);
        builder.Services.AddGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName, (_, _) => _grainStorage);
        builder.Services.AddObjectStore(GrainStorageServiceCollectionExtensions.DefaultProviderName, (_, _) => Store);
        builder.UseSilo(silo => silo
            .AddHemiGrains(chain => chain.PollInterval = TimeSpan.Zero)
            .AddHemiL2(o =>
            {
                o.ChainId = ChainId;
                o.BlockInterval = TimeSpan.Zero;
                o.Coinbase = Address.Parse("0xC0FFEE0000000000000000000000000000000000");
                o.GenesisTimestamp = 1_700_000_000;
                o.GenesisAlloc = Keys.Select(k => new GenesisAccount(AddressOf(k), InitialBalance, InitialHemiBtc)).ToList();
                _configure?.Invoke(o);
            }));
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return _hosts.Count - 1;
    }

    /// <summary>Stops every silo (the store and node stay), then starts one new silo: a restart.</summary>
    public async Task RestartAsync()
    {
        await StopSilosAsync();
        if (_directory is not null)
        {
            // A new process would open the folder afresh.
            Store = new FileObjectStore(new FileObjectStoreOptions { RootDirectory = _directory });
        }

        await StartSiloAsync();
    }

    public async Task StopSilosAsync()
    {
        foreach (var host in _hosts)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(cts.Token);
            host.Dispose();
        }

        _hosts.Clear();
    }

    /// <summary>A signed EIP-1559 transfer from key <paramref name="from"/>.</summary>
    public byte[] Transfer(int from, Address to, BigInteger value, ulong nonce, BigInteger? maxFee = null, BigInteger? tip = null, ulong chainId = ChainId, ulong gas = 21_000) =>
        Transfer(Keys[from], to, value, nonce, maxFee, tip, chainId, gas);

    public static byte[] Transfer(PrivateKey key, Address to, BigInteger value, ulong nonce, BigInteger? maxFee = null, BigInteger? tip = null, ulong chainId = ChainId, ulong gas = 21_000) =>
        new DynamicFeeTransaction
        {
            ChainId = chainId,
            Nonce = nonce,
            MaxPriorityFeePerGas = tip ?? 1_000_000_000,
            MaxFeePerGas = maxFee ?? 10_000_000_000,
            GasLimit = gas,
            To = to,
            Value = value,
        }.Sign(key).Encode();

    public async Task<Hash32> SendAsync(byte[] raw) => await Ingress.SendRawTransactionAsync(raw);

    public async Task<TransactionRejectedException> RejectAsync(byte[] raw) =>
        await Assert.ThrowsAsync<TransactionRejectedException>(() => Ingress.SendRawTransactionAsync(raw));

    public async ValueTask DisposeAsync()
    {
        await StopSilosAsync();
        await Node.DisposeAsync();
        foreach (var key in Keys)
        {
            key.Dispose();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
