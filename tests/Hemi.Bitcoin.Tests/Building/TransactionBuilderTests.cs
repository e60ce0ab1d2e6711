using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Tests.Building;

public sealed class TransactionBuilderTests
{
    private static Coin CoinFor(byte[] script, long amount, byte seed = 1) =>
        new(new OutPoint(Hash256.DoubleSha256([seed]), seed), new TxOut(amount, script));

    private static byte[] PopPayload()
    {
        var payload = new byte[80];
        "HEMI"u8.CopyTo(payload);
        payload[4] = 1;
        return payload;
    }

    [Theory]
    [InlineData(1000L, 284L)] // 1 sat/vB
    [InlineData(3500L, 994L)] // 3.5 sat/vB: floor(284 × 3.5)
    [InlineData(2501L, 710L)] // floor(284 × 2.501)
    public void PopMinerShape_EstimatedMode_UsesThe284VbyteEstimate(long satPerKvB, long expectedFee)
    {
        using var key = PrivateKey.Generate();
        var p2pkh = ScriptTemplates.PayToPubKeyHashOfKey(key.PublicKey.ToCompressed());
        var coin = CoinFor(p2pkh, 150_000);
        var result = new TransactionBuilder()
            .AddCoin(coin, key)
            .AddOutput(ScriptTemplates.NullData(PopPayload()), 0)
            .SetChange(p2pkh, position: 0)
            .SetFeeRate(FeeRate.FromSatoshisPerKilovbyte(satPerKvB))
            .SetFeeMode(FeeMode.EstimatedSize)
            .SetVersion(2)
            .SetLockTime(850_000)
            .Build();

        var tx = result.Transaction;
        Assert.Equal(284, result.EstimatedVirtualSize);
        Assert.Equal(expectedFee, result.Fee);
        Assert.Equal(0, result.ChangeIndex);
        Assert.Equal(2, tx.Version);
        Assert.Equal(850_000u, tx.LockTime);
        Assert.Equal(2, tx.Outputs.Count);
        Assert.Equal(p2pkh, tx.Outputs[0].ScriptPubKey);
        Assert.Equal(150_000 - expectedFee, tx.Outputs[0].Value);
        Assert.Equal(ScriptPubKeyType.NullData, ScriptTemplates.Classify(tx.Outputs[1].ScriptPubKey));
        Assert.Equal(83, tx.Outputs[1].ScriptPubKey.Length);
        Assert.InRange(tx.VirtualSize, 282, 284);
        Assert.Equal(tx.VirtualSize, result.VirtualSize);
        Assert.True(TransactionSigner.VerifyAll(tx, [coin.Output], out var error), error);
    }

    [Fact]
    public void DecimalFeeRate_IsExactToTheMilliSatoshi()
    {
        Assert.Equal(994, FeeRate.FromSatoshisPerVbyte(3.5m).GetFee(284));
        Assert.Equal(3500, FeeRate.FromSatoshisPerVbyte(3.5m).SatoshisPerKilovbyte);
        Assert.Equal(284, FeeRate.FromSatoshisPerVbyte(1).GetFee(284));
        Assert.Equal(0, FeeRate.FromSatoshisPerVbyte(0.0009m).SatoshisPerKilovbyte);
    }

    [Fact]
    public void ActualMode_FeeCoversTheSignedSize()
    {
        // Fresh keys give signatures of varying length: repeat so a fee that fails to settle would show.
        for (var attempt = 0; attempt < 25; attempt++)
        {
            AssertFeeSettlesOnSignedSize();
        }
    }

    private static void AssertFeeSettlesOnSignedSize()
    {
        using var key = PrivateKey.Generate();
        var p2wpkh = ScriptTemplates.PayToWitnessPubKeyHashOfKey(key.PublicKey.ToCompressed());
        var p2tr = ScriptTemplates.PayToTaproot(Crypto.Secp256k1.Taproot.TweakPublicKey(key.XOnlyPublicKey, [], out _).ToBytes());
        var p2pkh = ScriptTemplates.PayToPubKeyHashOfKey(key.PublicKey.ToCompressed());
        var coins = new[] { CoinFor(p2wpkh, 40_000, 1), CoinFor(p2tr, 40_000, 2), CoinFor(p2pkh, 40_000, 3) };
        var builder = new TransactionBuilder().SetFeeRate(FeeRate.FromSatoshisPerVbyte(7.25m)).SetChange(p2wpkh);
        foreach (var coin in coins)
        {
            builder.AddCoin(coin, key);
        }

        var result = builder.AddOutput(ScriptTemplates.PayToScriptHash(new byte[20]), 50_000).Build();
        var tx = result.Transaction;
        long needed = FeeRate.FromSatoshisPerVbyte(7.25m).GetFee(tx.VirtualSize);
        Assert.InRange(result.Fee, needed, needed + 16);
        Assert.Equal(120_000 - 50_000 - result.Fee, tx.Outputs[result.ChangeIndex].Value);
        Assert.Equal(1, result.ChangeIndex);
        // The per-input figures assume 71-byte DER signatures (as Core's and btcwallet's do); a 72-byte one adds a byte per ECDSA input.
        Assert.InRange(tx.VirtualSize, result.EstimatedVirtualSize - 4, result.EstimatedVirtualSize + 2);
        Assert.True(TransactionSigner.VerifyAll(tx, coins.Select(c => c.Output).ToList(), out var error), error);
    }

    [Fact]
    public void DustChange_IsLeftToTheFee()
    {
        using var key = PrivateKey.Generate();
        var p2pkh = ScriptTemplates.PayToPubKeyHashOfKey(key.PublicKey.ToCompressed());
        var payTo = ScriptTemplates.PayToWitnessPubKeyHash(new byte[20]);

        // With change the estimate is 10 + 148 + 31 + 34 = 223 vB; at 1 sat/vB change would be 545 < 546.
        var coin = CoinFor(p2pkh, 10_000 + 223 + 545);
        var result = new TransactionBuilder().AddCoin(coin, key).AddOutput(payTo, 10_000).SetChange(p2pkh)
            .SetFeeMode(FeeMode.EstimatedSize).Build();
        Assert.Equal(-1, result.ChangeIndex);
        Assert.Single(result.Transaction.Outputs);
        Assert.Equal(223 + 545, result.Fee);

        var coin2 = CoinFor(p2pkh, 10_000 + 223 + 546);
        var result2 = new TransactionBuilder().AddCoin(coin2, key).AddOutput(payTo, 10_000).SetChange(p2pkh)
            .SetFeeMode(FeeMode.EstimatedSize).Build();
        Assert.Equal(1, result2.ChangeIndex);
        Assert.Equal(546, result2.Transaction.Outputs[1].Value);
        Assert.Equal(223, result2.Fee);
    }

    [Fact]
    public void InsufficientFunds_Throws()
    {
        using var key = PrivateKey.Generate();
        var p2wpkh = ScriptTemplates.PayToWitnessPubKeyHashOfKey(key.PublicKey.ToCompressed());
        var builder = new TransactionBuilder().AddCoin(CoinFor(p2wpkh, 10_000), key).AddOutput(p2wpkh, 9_950).SetChange(p2wpkh)
            .SetFeeRate(FeeRate.FromSatoshisPerVbyte(2));
        var ex = Assert.Throws<InsufficientFundsException>(() => builder.Build());
        Assert.Equal(10_000, ex.Available);
        Assert.True(ex.Required > 10_000);
    }

    [Fact]
    public void UnsupportedCoin_IsRejectedWhenAdded()
    {
        using var key = PrivateKey.Generate();
        Assert.Throws<ArgumentException>(() => new TransactionBuilder().AddCoin(CoinFor([0x51], 1000), key));
    }

    [Theory]
    [InlineData("76a914000000000000000000000000000000000000000088ac", 546)]
    [InlineData("0014" + "0000000000000000000000000000000000000000", 294)]
    [InlineData("a914000000000000000000000000000000000000000087", 540)]
    [InlineData("5120" + "0000000000000000000000000000000000000000000000000000000000000000", 330)]
    [InlineData("6a0401020304", 0)]
    public void DustThreshold_MatchesBitcoinCore(string scriptHex, long threshold)
    {
        Assert.Equal(threshold, DustPolicy.GetDustThreshold(Convert.FromHexString(scriptHex)));
    }

    [Fact]
    public void DustThreshold_BtcdStyle1000SatPerKvBTimesThree_IsTheSame546ForP2pkh()
    {
        var p2pkh = ScriptTemplates.PayToPubKeyHash(new byte[20]);
        Assert.Equal(546, 3 * DustPolicy.GetDustThreshold(p2pkh, 1000));
        Assert.True(DustPolicy.IsDust(new TxOut(545, p2pkh)));
        Assert.False(DustPolicy.IsDust(new TxOut(546, p2pkh)));
    }

    [Fact]
    public void SizeEstimator_PerInputTypeFigures()
    {
        var p2pkh = ScriptTemplates.PayToPubKeyHash(new byte[20]);
        var p2wpkh = ScriptTemplates.PayToWitnessPubKeyHash(new byte[20]);
        var p2sh = ScriptTemplates.PayToScriptHash(new byte[20]);
        var p2tr = ScriptTemplates.PayToTaproot(new byte[32]);
        Assert.Equal(148 * 4, TransactionSizeEstimator.InputWeight(p2pkh));
        Assert.Equal(68 * 4, TransactionSizeEstimator.InputWeight(p2wpkh));
        Assert.Equal(91 * 4, TransactionSizeEstimator.InputWeight(p2sh));
        Assert.Equal(230, TransactionSizeEstimator.InputWeight(p2tr)); // 57.5 vB
        Assert.Equal(284, TransactionSizeEstimator.EstimateVirtualSize([p2pkh], [p2pkh, ScriptTemplates.NullData(new byte[80])]));
        Assert.Equal(111, TransactionSizeEstimator.EstimateVirtualSize([p2tr], [p2tr])); // 10.5 + 57.5 + 43
        Assert.Equal(110, TransactionSizeEstimator.EstimateVirtualSize([p2wpkh], [p2wpkh])); // 10.5 + 68 + 31 → 109.5 rounded up
    }
}
