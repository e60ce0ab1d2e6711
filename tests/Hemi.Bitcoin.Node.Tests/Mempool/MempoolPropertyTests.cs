using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Mempool;

public sealed class MempoolPropertyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MutatedSignedTransactions_AreNeverAcceptedAndNeverThrow(bool segwit)
    {
        var time = new ManualTimeProvider();
        using var key = new TestKey(60);
        await using var node = await NodeFixture.CreateAsync(time);
        var script = segwit ? key.P2wpkh : key.P2pkh;
        var coin = await NodeFixture.FundAsync(node, script);
        var raw = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, script).ToBytes();
        var mutations = Gen.Choose(0, raw.Length - 1).SelectMany(i => Gen.Choose(1, 255).Select(x => (Index: i, Xor: (byte)x)));

        Prop.ForAll(Arb.From(mutations), m =>
        {
            var mutated = (byte[])raw.Clone();
            mutated[m.Index] ^= m.Xor;
            Transaction tx;
            try
            {
                tx = Transaction.Parse(mutated);
            }
            catch (FormatException)
            {
                return true;
            }

            if (tx.GetWitnessTxId() == Transaction.Parse(raw).GetWitnessTxId())
            {
                return true; // the flip only touched bytes the parser normalises away
            }

            var result = node.TestMempoolAcceptAsync(tx).GetAwaiter().GetResult();
            return !result.Accepted;
        }).QuickCheckThrowOnFailure();

        // The untouched transaction is fine, so the rejections above are about the mutations.
        Assert.True((await node.TestMempoolAcceptAsync(Transaction.Parse(raw))).Accepted);
    }
}
