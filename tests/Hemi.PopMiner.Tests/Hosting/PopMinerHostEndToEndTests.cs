using Hemi.Bitcoin;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Node.Rpc;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime.Storage;
using Hemi.PopMiner.Configuration;
using Hemi.PopMiner.Hosting;
using Hemi.PopMiner.Tests.TestSupport;
using Hemi.Protocol.Pop;

namespace Hemi.PopMiner.Tests.Hosting;

/// <summary>
/// hemi-popm's host end to end in one process: a regtest node behind its bitcoind RPC server on a free loopback port,
/// a fake kss endpoint, and the host's own silo over a temporary folder talking to both over HTTP.
/// </summary>
public sealed class PopMinerHostEndToEndTests : IAsyncLifetime
{
    private static readonly string KeyHex = Hex.Encode(Sha256.Hash("hemi-popm end-to-end key"u8));
    private readonly string _data = Path.Combine(Path.GetTempPath(), "hemi-popm-" + Guid.NewGuid().ToString("N"));
    private RegtestNode _node = null!;
    private RegtestRpcServer _rpc = null!;
    private FakeKssServer _kss = null!;
    private byte[] _minerScript = [];

    public async Task InitializeAsync()
    {
        _node = await RegtestNode.CreateAsync(new MemoryObjectStore());
        _rpc = await RegtestRpcServer.StartAsync(_node);
        _kss = await FakeKssServer.StartAsync();
        using var key = PrivateKey.FromBytes(Hex.Decode(KeyHex));
        _minerScript = PopTransactionFactory.MinerScript(key.PublicKey);
        // Three coinbases of the miner's key become spendable.
        await _node.GenerateToAddressAsync(3, _minerScript);
        await _node.GenerateToAddressAsync(RegtestNode.CoinbaseMaturity, new byte[] { 0x51 });
    }

    public async Task DisposeAsync()
    {
        await _kss.DisposeAsync();
        await _rpc.DisposeAsync();
        await _node.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Host_PublishesTheKssKeystonesThroughBitcoindRpc_AndSeesThemMined()
    {
        _kss.Add(TestKeystones.Keystone(25));
        _kss.Add(TestKeystones.Keystone(50));
        await using var popm = await PopMinerHost.StartAsync(Settings(), runLoop: false);
        Assert.Equal(BitcoinAddress.FromScriptPubKey(_minerScript, Network.Regtest), popm.BitcoinAddress);
        Assert.StartsWith("0x", popm.RewardAddress, StringComparison.Ordinal);

        var sent = await popm.RunOnceAsync();

        Assert.Equal([25u, 50u], sent.Select(e => e.L2BlockNumber));
        Assert.All(sent, e => Assert.Equal(PopMinerEntryStatus.Broadcast, e.Status));
        var mempool = await _node.GetMempoolAsync();
        Assert.Equal(sent.Select(e => Hash256.Parse(e.TxId!)).ToHashSet(), mempool.ToHashSet());
        // Each is a real popm v2 transaction carrying its keystone.
        foreach (var entry in sent)
        {
            var tx = (await _node.GetTransactionAsync(Hash256.Parse(entry.TxId!)))!.Transaction;
            Assert.Equal(2, tx.Version);
            var publication = Assert.Single(PopScanner.Scan(tx, 1));
            Assert.Equal(entry.KeystoneHash, publication.KeystoneHash.ToString());
        }

        var block = (await _node.GenerateToAddressAsync(1, new byte[] { 0x51 }))[0];
        var mined = await popm.RunOnceAsync();

        Assert.All(mined, e => Assert.Equal((PopMinerEntryStatus.Mined, block.ToString()), (e.Status, e.BlockHash)));
        Assert.Equal((await _node.GetTipAsync()).Height, (await popm.Chain.GetTipAsync()).Height);
        Assert.True(_kss.Requests >= 2);
    }

    [Fact]
    public async Task Host_Restarted_OverTheSameFolder_KeepsItsStateAndDoesNotPayTwice()
    {
        _kss.Add(TestKeystones.Keystone(75));
        string txId;
        await using (var popm = await PopMinerHost.StartAsync(Settings(), runLoop: false))
        {
            txId = Assert.Single(await popm.RunOnceAsync()).TxId!;
        }

        // The new process resumes from the persisted entry: it neither signs a second transaction nor pays twice.
        await using var restarted = await PopMinerHost.StartAsync(Settings(), runLoop: false);
        var before = await restarted.Miner.GetStateAsync();
        var again = Assert.Single(await restarted.RunOnceAsync());

        Assert.Equal(txId, Assert.Single(before).TxId);
        Assert.Equal(txId, again.TxId);
        Assert.Equal([Hash256.Parse(txId)], await _node.GetMempoolAsync());
    }

    [Fact]
    public async Task Host_Loop_PublishesWithoutExplicitPasses_AndSurvivesABadKssAnswer()
    {
        _kss.RawAnswer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"keystones\":[{\"version\":7}]}}";
        _kss.Add(TestKeystones.Keystone(100));
        var settings = Settings();
        settings.LoopInterval = TimeSpan.FromMilliseconds(100);
        await using var popm = await PopMinerHost.StartAsync(settings);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (_kss.Requests < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Empty(await _node.GetMempoolAsync());
        _kss.RawAnswer = null;
        IReadOnlyList<PopMinerEntry> entries;
        while ((entries = await popm.Miner.GetStateAsync()) is not [{ Status: PopMinerEntryStatus.Broadcast }] && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(PopMinerEntryStatus.Broadcast, Assert.Single(entries).Status);
        Assert.Single(await _node.GetMempoolAsync());
    }

    private PopMinerSettings Settings() => new()
    {
        DataDirectory = _data,
        BitcoinRpc = _rpc.Endpoint,
        L2Rpc = _kss.Endpoint,
        Network = "regtest",
        PrivateKey = KeyHex,
        StaticFee = 2,
    };
}
