using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Mempool;

public sealed class MempoolAcceptanceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FundedKey_SpendIsAcceptedMinedAndMovesUtxos(bool segwit)
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(10);
        using var payee = new TestKey(11);
        await using var node = await NodeFixture.CreateAsync(time);
        var source = segwit ? key.P2wpkh : key.P2pkh;
        var coin = await NodeFixture.FundAsync(node, source);
        Assert.Equal(101, (await node.GetUtxosAsync(source)).Count);

        var tx = NodeFixture.Spend(coin, key, payee.P2wpkh, 10 * Money.Coin, source);
        var result = await node.BroadcastAsync(tx);

        Assert.True(result.Accepted, result.Rejection?.ToString());
        Assert.Equal(tx.GetTxId(), result.TxId);
        Assert.Contains(tx.GetTxId(), await node.GetMempoolAsync());
        Assert.False((await node.GetTransactionAsync(tx.GetTxId()))!.IsConfirmed);
        Assert.Empty(await node.GetUtxosAsync(payee.P2wpkh));
        Assert.DoesNotContain(await node.GetUtxosAsync(source, excludeMempoolSpent: true), u => u.OutPoint == coin.OutPoint);
        Assert.Contains(await node.GetUtxosAsync(source, excludeMempoolSpent: false), u => u.OutPoint == coin.OutPoint);

        var block = (await node.GenerateToAddressAsync(1, payee.P2pkh))[0];

        Assert.Empty(await node.GetMempoolAsync());
        var info = await node.GetTransactionAsync(tx.GetTxId());
        Assert.Equal(new ChainTip(102, block), info!.Block);
        var received = Assert.Single(await node.GetUtxosAsync(payee.P2wpkh));
        Assert.Equal(new OutPoint(tx.GetTxId(), 0), received.OutPoint);
        Assert.Equal(10 * Money.Coin, received.Output.Value);
        Assert.False(received.IsCoinbase);
        var remaining = await node.GetUtxosAsync(source, excludeMempoolSpent: false);
        Assert.DoesNotContain(remaining, u => u.OutPoint == coin.OutPoint);
        Assert.Contains(remaining, u => u.OutPoint == new OutPoint(tx.GetTxId(), 1));
    }

    [Theory]
    [InlineData("p2pkh", "p2tr")]
    [InlineData("p2wpkh", "p2sh-p2wpkh")]
    [InlineData("p2sh-p2wpkh", "p2pkh")]
    [InlineData("p2tr", "p2wpkh")]
    public async Task EveryStandardKeyType_CanBeSpentAndPaid(string from, string to)
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(26);
        using var payee = new TestKey(27);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.ScriptOf(from));
        var tx = NodeFixture.Spend(coin, key, payee.ScriptOf(to), 5 * Money.Coin, key.ScriptOf(from));

        var result = await node.BroadcastAsync(tx);
        Assert.True(result.Accepted, result.Rejection?.ToString());
        await node.GenerateToAddressAsync(1, key.P2pkh);

        var received = Assert.Single(await node.GetUtxosAsync(payee.ScriptOf(to)));
        Assert.Equal(5 * Money.Coin, received.Output.Value);

        // The payee's fresh output is immediately spendable (not a coinbase) by the same key type.
        var onward = NodeFixture.Spend(received, payee, key.P2wpkh, Money.Coin, payee.ScriptOf(to));
        Assert.True((await node.BroadcastAsync(onward)).Accepted);
    }

    [Fact]
    public async Task BadSignature_IsRejectedAsScriptVerifyFailure()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(12);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);
        var witness = tx.Inputs[0].Witness.Select(w => (byte[])w.Clone()).ToArray();
        witness[0][10] ^= 0x01;
        var tampered = new Transaction(tx.Version, [tx.Inputs[0].WithWitness(witness)], tx.Outputs, tx.LockTime);

        var result = await node.BroadcastAsync(tampered);

        Assert.Equal(RejectCode.ScriptVerifyFailed, result.Rejection!.Code);
        Assert.StartsWith("mandatory-script-verify-flag-failed", result.Rejection.ToString());
        Assert.Empty(await node.GetMempoolAsync());
    }

    [Fact]
    public async Task SignatureByTheWrongKey_IsRejected()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(13);
        using var thief = new TestKey(14);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2pkh);
        var unsigned = new Transaction(2, [new TxIn(coin.OutPoint, [], TxIn.FinalSequence)], [new TxOut(coin.Output.Value - 10_000, thief.P2pkh)], 0);
        // Sign as if the output paid the thief, then present it against the real output.
        var forged = TransactionSigner.Sign(unsigned, [new TxOut(coin.Output.Value, thief.P2pkh)], [thief.Key]);

        var result = await node.BroadcastAsync(forged);

        Assert.Equal(RejectCode.ScriptVerifyFailed, result.Rejection!.Code);
    }

    [Fact]
    public async Task DoubleSpend_IsAMempoolConflictThenMissingInputsOnceMined()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(15);
        using var a = new TestKey(16);
        using var b = new TestKey(17);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var first = NodeFixture.Spend(coin, key, a.P2wpkh, Money.Coin, key.P2wpkh);
        var second = NodeFixture.Spend(coin, key, b.P2wpkh, Money.Coin, key.P2wpkh);
        Assert.True((await node.BroadcastAsync(first)).Accepted);

        var conflict = await node.BroadcastAsync(second);
        Assert.Equal(RejectCode.MempoolConflict, conflict.Rejection!.Code);
        Assert.Equal("txn-mempool-conflict", conflict.Rejection.Reason);
        Assert.Equal(RejectCode.AlreadyInMempool, (await node.BroadcastAsync(first)).Rejection!.Code);

        await node.GenerateToAddressAsync(1, key.P2pkh);

        var spent = await node.BroadcastAsync(second);
        Assert.Equal("bad-txns-inputs-missingorspent", spent.Rejection!.Reason);
    }

    [Fact]
    public async Task ImmatureCoinbaseSpend_IsRejected()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(18);
        await using var node = await NodeFixture.CreateAsync(time);
        await node.GenerateToAddressAsync(101, key.P2wpkh);
        var young = (await node.GetUtxosAsync(key.P2wpkh)).Single(u => u.Height == 3);

        var tx = NodeFixture.Spend(young, key, key.P2pkh, Money.Coin, key.P2wpkh);
        var result = await node.BroadcastAsync(tx);

        Assert.Equal("bad-txns-premature-spend-of-coinbase", result.Rejection!.Reason);

        // One block later the coin is 100 deep at the next height and may be spent.
        await node.GenerateToAddressAsync(1, key.P2pkh);
        Assert.True((await node.BroadcastAsync(tx)).Accepted);
    }

    [Fact]
    public async Task Overspend_IsRejectedAsInputsBelowOutputs()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(19);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var unsigned = new Transaction(2, [new TxIn(coin.OutPoint, [], TxIn.FinalSequence)], [new TxOut(coin.Output.Value + 1, key.P2pkh)], 0);
        var tx = TransactionSigner.Sign(unsigned, [coin.Output], [key.Key]);

        var result = await node.BroadcastAsync(tx);

        Assert.Equal("bad-txns-in-belowout", result.Rejection!.Reason);
    }

    [Fact]
    public async Task DustOutput_IsRejected()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(20);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);

        var tx = NodeFixture.Spend(coin, key, key.P2wpkh, 293, key.P2wpkh);
        Assert.Equal("dust", (await node.BroadcastAsync(tx)).Rejection!.Reason);

        var atThreshold = NodeFixture.Spend(coin, key, key.P2wpkh, 294, key.P2wpkh);
        Assert.True((await node.BroadcastAsync(atThreshold)).Accepted);
    }

    [Fact]
    public async Task FeeBelowMinRelay_IsRejected()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(21);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var unsigned = new Transaction(2, [new TxIn(coin.OutPoint, [], TxIn.FinalSequence)], [new TxOut(coin.Output.Value - 50, key.P2pkh)], 0);
        var tx = TransactionSigner.Sign(unsigned, [coin.Output], [key.Key]);
        Assert.True(tx.VirtualSize > 50);

        var result = await node.BroadcastAsync(tx);

        Assert.Equal("min relay fee not met", result.Rejection!.Reason);
    }

    [Fact]
    public async Task NonStandardOutputs_AreRejected()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(22);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);

        var bareMultisigish = new byte[] { 0x51, 0x51, 0xae };
        var tx = NodeFixture.Spend(coin, key, bareMultisigish, Money.Coin, key.P2wpkh);
        Assert.Equal("scriptpubkey", (await node.BroadcastAsync(tx)).Rejection!.Reason);

        var longOpReturn = new byte[85];
        longOpReturn[0] = 0x6a;
        longOpReturn[1] = 0x4c;
        longOpReturn[2] = 82;
        var big = NodeFixture.Spend(coin, key, longOpReturn, 0, key.P2wpkh);
        Assert.Equal("scriptpubkey", (await node.BroadcastAsync(big)).Rejection!.Reason);
    }

    [Fact]
    public async Task PopShapedTransaction_IsAcceptedAndMined()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(23);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2pkh);
        var tip = await node.GetTipAsync();
        var payload = new byte[80];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 7 + 3);
        }

        byte[] opReturn = [0x6a, 0x4c, 0x50, .. payload];
        var tx = new TransactionBuilder()
            .AddCoin(coin.ToCoin(), key.Key)
            .AddOutput(opReturn, 0)
            .SetChange(key.P2pkh)
            .SetVersion(2)
            .SetLockTime((uint)tip.Height)
            .Build()
            .Transaction;
        Assert.Single(tx.Inputs);
        Assert.Equal(2, tx.Outputs.Count);
        Assert.Equal(83, tx.Outputs[0].ScriptPubKey.Length);

        var result = await node.BroadcastAsync(tx);
        Assert.True(result.Accepted, result.Rejection?.ToString());
        var block = (await node.GenerateToAddressAsync(1, key.P2wpkh))[0];

        Assert.Equal(block, (await node.GetTransactionAsync(tx.GetTxId()))!.Block!.Hash);
        // The OP_RETURN output is unspendable and never enters the UTXO set.
        var change = Assert.Single(await node.GetUtxosAsync(key.P2pkh), u => !u.IsCoinbase);
        Assert.Equal(1u, change.OutPoint.Index);
    }

    [Fact]
    public async Task ChainedUnconfirmedSpends_AreAcceptedAndMinedInOrder()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(24);
        await using var node = await NodeFixture.CreateAsync(time);
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var parent = NodeFixture.Spend(coin, key, key.P2wpkh, 20 * Money.Coin, key.P2wpkh, feeRate: 1m);
        var parentOut = new Utxo(new OutPoint(parent.GetTxId(), 0), parent.Outputs[0], -1, false);
        var child = NodeFixture.Spend(parentOut, key, key.P2pkh, Money.Coin, key.P2wpkh, feeRate: 50m);
        Assert.True((await node.BroadcastAsync(parent)).Accepted);
        Assert.True((await node.BroadcastAsync(child)).Accepted);

        await node.GenerateToAddressAsync(1, key.P2pkh);

        Assert.Empty(await node.GetMempoolAsync());
        Assert.True((await node.GetTransactionAsync(child.GetTxId()))!.IsConfirmed);
    }

    [Fact]
    public async Task FeeEstimate_IsMinRelayWithoutDataAndFollowsMinedFeeRates()
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(25);
        await using var node = await NodeFixture.CreateAsync(time);
        Assert.Equal(FeeRate.FromSatoshisPerVbyte(1), await node.EstimateFeeAsync(1));
        var coin = await NodeFixture.FundAsync(node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh, feeRate: 25m);
        Assert.True((await node.BroadcastAsync(tx)).Accepted);
        await node.GenerateToAddressAsync(1, key.P2pkh);

        var estimate = await node.EstimateFeeAsync(1);

        Assert.InRange(estimate.SatoshisPerKilovbyte, 25_000, 26_000);
        Assert.True((await node.EstimateFeeAsync(25)).SatoshisPerKilovbyte <= estimate.SatoshisPerKilovbyte);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.EstimateFeeAsync(0));
    }
}
