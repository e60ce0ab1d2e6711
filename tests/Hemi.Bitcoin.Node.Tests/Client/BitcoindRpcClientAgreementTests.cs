using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Client;

/// <summary>Every <see cref="IBitcoinSource"/> method of the RPC client agrees with asking the node directly.</summary>
public sealed class BitcoindRpcClientAgreementTests
{
    [Fact]
    public async Task ChainQueries_AgreeWithTheNode()
    {
        using var key = new TestKey(90);
        await using var h = await ClientHarness.StartAsync();
        await h.Node.GenerateToAddressAsync(5, key.P2wpkh);

        Assert.Equal(await h.Node.GetTipAsync(), await h.Client.GetTipAsync());
        for (var height = 0; height <= 5; height++)
        {
            var expected = await h.Node.GetHeaderAsync(height);
            Assert.Equal(expected, await h.Client.GetHeaderAsync(height));
            Assert.Equal(expected, await h.Client.GetHeaderAsync(expected!.Hash));
            Assert.Equal(await h.Node.GetRawBlockAsync(expected.Hash), await h.Client.GetRawBlockAsync(expected.Hash));
        }

        Assert.Null(await h.Client.GetHeaderAsync(6));
        Assert.Null(await h.Client.GetHeaderAsync(-1));
        var unknown = Hash256.Parse(new string('7', 64));
        Assert.Null(await h.Client.GetHeaderAsync(unknown));
        Assert.Null(await h.Client.GetRawBlockAsync(unknown));
        Assert.Null(await h.Client.GetTransactionAsync(unknown));
    }

    [Fact]
    public async Task StaleBranchHeaders_AreReportedOffTheBestChain()
    {
        using var key = new TestKey(91);
        using var other = new TestKey(92);
        await using var h = await ClientHarness.StartAsync();
        var first = await h.Node.GenerateToAddressAsync(3, key.P2wpkh);
        await h.Node.InvalidateBlockAsync(first[2]);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.Node.GenerateToAddressAsync(2, other.P2wpkh);

        var stale = await h.Client.GetHeaderAsync(first[2]);
        Assert.Equal(await h.Node.GetHeaderAsync(first[2]), stale);
        Assert.False(stale!.IsOnBestChain);
        Assert.Equal(await h.Node.GetHeaderAsync(3), await h.Client.GetHeaderAsync(3));
    }

    [Fact]
    public async Task Transactions_AgreeWithTheNodeFromMempoolToBlock()
    {
        using var key = new TestKey(93);
        await using var h = await ClientHarness.StartAsync();
        var coin = await NodeFixture.FundAsync(h.Node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);

        var broadcast = await h.Client.BroadcastAsync(tx);
        Assert.True(broadcast.Accepted);
        Assert.Equal(tx.GetTxId(), broadcast.TxId);
        await AssertSameTransactionAsync(h, tx.GetTxId(), expectConfirmed: false);
        Assert.True((await h.Client.BroadcastAsync(tx)).Accepted); // already in the mempool: bitcoind re-announces

        var mined = await h.Node.GenerateToAddressAsync(1, key.P2wpkh);
        await AssertSameTransactionAsync(h, tx.GetTxId(), expectConfirmed: true);
        Assert.Equal(mined[0], (await h.Client.GetTransactionAsync(tx.GetTxId()))!.Block!.Hash);
        Assert.True((await h.Client.BroadcastAsync(tx)).Accepted); // -27 already in the chain: a retry must not fail
        await AssertSameTransactionAsync(h, coin.OutPoint.TxId, expectConfirmed: true);
    }

    [Fact]
    public async Task DoubleSpend_IsATypedRejectionWithBitcoindsReason()
    {
        using var key = new TestKey(94);
        await using var h = await ClientHarness.StartAsync();
        var coin = await NodeFixture.FundAsync(h.Node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);
        var conflicting = NodeFixture.Spend(coin, key, key.P2wpkh, 2 * Money.Coin, key.P2wpkh);
        Assert.True((await h.Client.BroadcastAsync(tx)).Accepted);

        var rejected = await h.Client.BroadcastAsync(conflicting);

        Assert.False(rejected.Accepted);
        Assert.Equal(conflicting.GetTxId(), rejected.TxId);
        Assert.Equal(RejectCode.MempoolConflict, rejected.Rejection!.Code);
        Assert.Equal("txn-mempool-conflict", rejected.Rejection.Reason);
        Assert.Equal((await h.Node.TestMempoolAcceptAsync(conflicting)).Rejection!.Code, rejected.Rejection.Code);

        await h.Node.GenerateToAddressAsync(1, key.P2wpkh);
        var afterMining = await h.Client.BroadcastAsync(conflicting);
        Assert.Equal(RejectCode.MissingOrSpentInputs, afterMining.Rejection!.Code);
    }

    [Fact]
    public async Task Utxos_AgreeWithTheNodeWithAndWithoutMempoolSpends()
    {
        using var key = new TestKey(95);
        using var stranger = new TestKey(96);
        await using var h = await ClientHarness.StartAsync();
        var coin = await NodeFixture.FundAsync(h.Node, key.P2wpkh);
        await h.Node.GenerateToAddressAsync(2, stranger.P2pkh);
        var spend = NodeFixture.Spend(coin, key, stranger.P2wpkh, Money.Coin, key.P2wpkh);
        Assert.True((await h.Node.BroadcastAsync(spend)).Accepted);

        foreach (var exclude in new[] { true, false })
        {
            foreach (var script in new[] { key.P2wpkh, stranger.P2pkh, stranger.P2tr })
            {
                var expected = await h.Node.GetUtxosAsync(script, exclude);
                var actual = await h.Client.GetUtxosAsync(script, exclude);
                Assert.Equal(expected.Select(Describe), actual.Select(Describe));
            }
        }

        Assert.DoesNotContain(await h.Client.GetUtxosAsync(key.P2wpkh), u => u.OutPoint == coin.OutPoint);
        Assert.Contains(await h.Client.GetUtxosAsync(key.P2wpkh, excludeMempoolSpent: false), u => u.OutPoint == coin.OutPoint);
    }

    [Fact]
    public async Task FeeEstimate_AgreesWithTheNode()
    {
        await using var h = await ClientHarness.StartAsync();
        foreach (var target in new[] { 1, 2, 6, 144, 1008 })
        {
            Assert.Equal(await h.Node.EstimateFeeAsync(target), await h.Client.EstimateFeeAsync(target));
        }

        Assert.True((await h.Client.EstimateFeeAsync(5000)).SatoshisPerKilovbyte >= 1000);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Client.EstimateFeeAsync(0));
    }

    private static string Describe(Utxo u) =>
        $"{u.OutPoint.TxId}:{u.OutPoint.Index} {u.Output.Value} {Convert.ToHexString(u.Output.ScriptPubKey)} h{u.Height} cb{u.IsCoinbase}";

    private static async Task AssertSameTransactionAsync(ClientHarness h, Hash256 txId, bool expectConfirmed)
    {
        var expected = await h.Node.GetTransactionAsync(txId);
        var actual = await h.Client.GetTransactionAsync(txId);
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Raw, actual.Raw);
        Assert.Equal(expected.Transaction.GetTxId(), actual.Transaction.GetTxId());
        Assert.Equal(expected.Block, actual.Block);
        Assert.Equal(expectConfirmed, actual.IsConfirmed);
    }
}
