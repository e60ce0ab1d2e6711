using Hemi.Bitcoin;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Pop;

public sealed class PopTransactionFactoryTests
{
    private static PrivateKey Key() => PrivateKey.FromBytes(Sha256.Hash("hemi pop miner test key"u8));

    private static L2KeystoneAbrev Keystone() => new L2Keystone
    {
        L1BlockNumber = 7720859,
        L2BlockNumber = 2634175,
        ParentEPHash = Sha256.Hash("parent"u8),
        PrevKeystoneEPHash = Sha256.Hash("prev"u8),
        StateRoot = Sha256.Hash("state"u8),
        EPHash = Sha256.Hash("ep"u8),
    }.Abbreviate();

    private static Coin Utxo(PrivateKey key, long amount, byte index = 0) =>
        new(new OutPoint(Hash256.FromInternal(Sha256.Hash([index])), index), new TxOut(amount, PopTransactionFactory.MinerScript(key.PublicKey)));

    [Fact]
    public void Create_BuildsPopmShapedTransaction()
    {
        using var key = Key();
        var utxo = Utxo(key, 6_800_000);
        var rate = FeeRate.FromSatoshisPerVbyte(2);

        var result = PopTransactionFactory.Create(key, Keystone(), [utxo], rate, tipHeight: 3802507);
        var tx = result.Transaction;

        Assert.Equal(2, tx.Version);
        Assert.Equal(3802507u, tx.LockTime);
        var input = Assert.Single(tx.Inputs);
        Assert.Equal(utxo.OutPoint, input.PrevOut);
        Assert.Equal(0xffffffffu, input.Sequence);
        Assert.Equal(2, tx.Outputs.Count);
        Assert.Equal(568, result.Fee);
        Assert.Equal(6_800_000 - 568, tx.Outputs[0].Value);
        Assert.Equal(PopTransactionFactory.MinerScript(key.PublicKey), tx.Outputs[0].ScriptPubKey);
        Assert.Equal(0, tx.Outputs[1].Value);
        Assert.Equal(PopPayload.CreateScript(Keystone()), tx.Outputs[1].ScriptPubKey);
        Assert.InRange(tx.VirtualSize, 282, 284);
        Assert.True(InputSigner.Verify(tx, 0, utxo.Output));
    }

    [Fact]
    public void Create_RewardAddressReadBackIsTheMinersEthereumAddress()
    {
        using var key = Key();

        var tx = PopTransactionFactory.Create(key, Keystone(), [Utxo(key, 100_000)], FeeRate.FromSatoshisPerVbyte(1), 100).Transaction;
        var publication = Assert.Single(PopScanner.Scan(Transaction.Parse(tx.ToBytes()), 1));

        Assert.Equal(Keystone(), publication.Keystone);
        Assert.Equal(Address.FromPublicKey(key.PublicKey), publication.RewardAddress);
    }

    [Fact]
    public void Create_DropsDustChangeIntoTheFee()
    {
        using var key = Key();
        var rate = FeeRate.FromSatoshisPerVbyte(1);
        var amount = PopTransactionFactory.FeeFor(rate) + 545; // change of 545 sat is dust for P2PKH at 1000 sat/kvB

        var result = PopTransactionFactory.Create(key, Keystone(), [Utxo(key, amount)], rate, 100);

        var output = Assert.Single(result.Transaction.Outputs);
        Assert.Equal(0, output.Value);
        Assert.Equal(amount, result.Fee);
        Assert.Equal(-1, result.ChangeIndex);
    }

    [Fact]
    public void Create_KeepsChangeAtTheDustThreshold()
    {
        using var key = Key();
        var rate = FeeRate.FromSatoshisPerVbyte(1);

        var result = PopTransactionFactory.Create(key, Keystone(), [Utxo(key, PopTransactionFactory.FeeFor(rate) + 546)], rate, 100);

        Assert.Equal(2, result.Transaction.Outputs.Count);
        Assert.Equal(546, result.Transaction.Outputs[0].Value);
    }

    [Fact]
    public void Create_PicksTheFirstUtxoThatCoversTheFee()
    {
        using var key = Key();
        var rate = FeeRate.FromSatoshisPerVbyte(10); // fee 2840
        Coin[] utxos = [Utxo(key, 1000, 1), Utxo(key, 50_000, 2), Utxo(key, 90_000, 3)];

        var tx = PopTransactionFactory.Create(key, Keystone(), utxos, rate, 100).Transaction;

        Assert.Equal(utxos[1].OutPoint, Assert.Single(tx.Inputs).PrevOut);
    }

    [Fact]
    public void Create_RefusesRatesAboveTheCap()
    {
        using var key = Key();

        var error = Assert.Throws<PopFeeTooHighException>(() => PopTransactionFactory.Create(
            key, Keystone(), [Utxo(key, 1_000_000)], FeeRate.FromSatoshisPerVbyte(101), 100, FeeRate.FromSatoshisPerVbyte(100)));
        Assert.Equal(101_000, error.Rate.SatoshisPerKilovbyte);
    }

    [Fact]
    public void Create_FailsWhenNoSingleUtxoCoversTheFee()
    {
        using var key = Key();

        var error = Assert.Throws<InsufficientFundsException>(() => PopTransactionFactory.Create(
            key, Keystone(), [Utxo(key, 200, 1), Utxo(key, 250, 2)], FeeRate.FromSatoshisPerVbyte(1), 100));
        Assert.Equal(284, error.Required);
    }
}
