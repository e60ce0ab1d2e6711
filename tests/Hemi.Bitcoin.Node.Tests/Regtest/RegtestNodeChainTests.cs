using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Regtest;

public sealed class RegtestNodeChainTests
{
    private const string RegtestGenesisHash = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";

    [Fact]
    public async Task NewNode_StartsAtTheRegtestGenesis()
    {
        var time = new ManualTimeProvider();
        await using var node = await NodeFixture.CreateAsync(time);

        var tip = await node.GetTipAsync();
        Assert.Equal(0, tip.Height);
        Assert.Equal(RegtestGenesisHash, tip.Hash.ToString());
        var header = await node.GetHeaderAsync(0);
        Assert.NotNull(header);
        Assert.True(header.IsOnBestChain);
        Assert.Equal(RegtestGenesisHash, header.Header.GetHash().ToString());
        var raw = await node.GetRawBlockAsync(tip.Hash);
        var genesis = Block.Parse(raw!);
        Assert.Equal(genesis.Header.MerkleRoot, genesis.ComputeMerkleRoot());
        Assert.Null(await node.GetHeaderAsync(1));
    }

    [Fact]
    public async Task MinedBlocks_PassHeaderTreeValidationAndBlockChecks()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(1);
        await using var node = await NodeFixture.CreateAsync(time);

        var hashes = await node.GenerateToAddressAsync(12, key.P2pkh);

        Assert.Equal(12, hashes.Count);
        var tree = new HeaderTree(Network.Regtest, time);
        uint previousTime = Network.Regtest.GenesisHeader.Time;
        for (var i = 0; i < hashes.Count; i++)
        {
            var block = Block.Parse((await node.GetRawBlockAsync(hashes[i]))!);
            Assert.Equal(HeaderValidationError.None, tree.TryAdd(block.Header, out _));
            Assert.Equal(0x207fffffu, block.Header.Bits);
            Assert.True(block.Header.Time > previousTime);
            previousTime = block.Header.Time;
            Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
            Assert.True(block.CheckWitnessCommitment());
            Assert.Equal(i + 1, block.GetBip34Height());
            Assert.Equal(50 * Money.Coin, block.Transactions[0].Outputs.Sum(o => o.Value));
        }

        Assert.Equal(hashes[^1], tree.Tip.Hash);
        Assert.Equal(12, (await node.GetTipAsync()).Height);
    }

    [Theory]
    [InlineData(0, 50 * Money.Coin)]
    [InlineData(149, 50 * Money.Coin)]
    [InlineData(150, 25 * Money.Coin)]
    [InlineData(300, 1_250_000_000)]
    [InlineData(150 * 64, 0)]
    public void BlockSubsidy_HalvesEvery150Blocks(int height, long expected) =>
        Assert.Equal(expected, RegtestNode.GetBlockSubsidy(height));

    [Fact]
    public async Task BlockWithSegwitSpend_CarriesAValidWitnessCommitment()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(2);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);
        Assert.True(tx.HasWitness);
        Assert.True((await node.BroadcastAsync(tx)).Accepted);

        var hash = (await node.GenerateToAddressAsync(1, key.P2pkh))[0];

        var block = Block.Parse((await node.GetRawBlockAsync(hash))!);
        Assert.NotNull(block.GetWitnessCommitment());
        Assert.True(block.CheckWitnessCommitment());
        Assert.Equal(2, block.Transactions.Count);
        var info = await node.GetTransactionAsync(tx.GetTxId());
        Assert.Equal(hash, info!.Block!.Hash);
    }

    [Fact]
    public async Task SubmitBlock_RejectsTamperedBlocksWithBitcoindReasons()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(3);
        using var other = new TestKey(4);
        await using var node = await NodeFixture.CreateAsync(time);
        await using var miner = await NodeFixture.CreateAsync(time);
        var valid = Block.Parse((await miner.GetRawBlockAsync((await miner.GenerateToAddressAsync(1, other.P2pkh))[0]))!);
        var coinbase = valid.Transactions[0];

        var greedyCoinbase = new Transaction(coinbase.Version, coinbase.Inputs, [new TxOut(50 * Money.Coin + 1, other.P2pkh)], 0);
        Assert.Equal(RejectCode.BadCoinbaseAmount, (await node.SubmitBlockAsync(BlockBuilder.Grind(valid.Header, [greedyCoinbase])))!.Code);

        var wrongHeight = new Transaction(coinbase.Version, [new TxIn(OutPoint.Null, [0x52, 0x00], TxIn.FinalSequence)], coinbase.Outputs, 0);
        Assert.Equal(RejectCode.BadCoinbaseHeight, (await node.SubmitBlockAsync(BlockBuilder.Grind(valid.Header, [wrongHeight])))!.Code);

        var badRoot = BlockBuilder.Grind(valid.Header, [coinbase], merkleRoot: Hash256.DoubleSha256([1, 2, 3]));
        Assert.Equal(RejectCode.BadMerkleRoot, (await node.SubmitBlockAsync(badRoot))!.Code);

        var orphan = BlockBuilder.Grind(valid.Header, [coinbase], prevBlock: Hash256.DoubleSha256([9]));
        Assert.Equal(RejectCode.PrevBlockNotFound, (await node.SubmitBlockAsync(orphan))!.Code);

        var stale = new Hemi.Bitcoin.Headers.BlockHeader(valid.Header.Version, valid.Header.PrevBlock, valid.Header.MerkleRoot, Network.Regtest.GenesisHeader.Time, valid.Header.Bits, 0);
        var tooOld = await node.SubmitBlockAsync(BlockBuilder.Grind(stale, valid.Transactions));
        Assert.Equal(RejectCode.BadHeader, tooOld!.Code);
        Assert.Equal("time-too-old", tooOld.Detail);

        Assert.Null(await node.SubmitBlockAsync(valid));
        Assert.Equal(valid.GetHash(), (await node.GetTipAsync()).Hash);
        Assert.Equal(RejectCode.DuplicateBlock, (await node.SubmitBlockAsync(valid))!.Code);
        Assert.Equal(1, (await node.GetTipAsync()).Height);
    }

    [Fact]
    public async Task TipWatchers_SeeEveryExtension()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(5);
        await using var node = await NodeFixture.CreateAsync(time);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<TipChange>();
        node.TipChanged += (_, change) => events.Add(change);
        var enumerator = node.WatchTipChangesAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var first = enumerator.MoveNextAsync();

        var hashes = await node.GenerateToAddressAsync(2, key.P2pkh);

        Assert.True(await first);
        Assert.Equal(new ChainTip(1, hashes[0]), enumerator.Current.NewTip);
        Assert.False(enumerator.Current.IsReorg);
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(new ChainTip(2, hashes[1]), enumerator.Current.NewTip);
        Assert.Equal(2, events.Count);
        await enumerator.DisposeAsync();
    }
}
