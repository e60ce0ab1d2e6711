using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.Tests.L2.Assembly;

public sealed class EncodedBlockBodyTests
{
    private static readonly PrivateKey Key = PrivateKey.FromBytes(Sha256.Hash("encoded body"u8.ToArray()));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(700)]
    public void Roots_MatchBlockRoots_OnBothSidesOfTheParallelThreshold(int count)
    {
        var (transactions, receipts) = Body(count);

        var body = EncodedBlockBody.Encode(transactions, receipts, TaskScheduler.Default);

        Assert.Equal(BlockRoots.TransactionsRoot(transactions), body.TransactionsRoot());
        Assert.Equal(BlockRoots.ReceiptsRoot(receipts), body.ReceiptsRoot());
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(transactions[i].Encode(), body.Transactions[i]);
            Assert.Equal(receipts[i].Encode(), body.Receipts[i]);
        }
    }

    [Fact]
    public void Encode_RefusesReceiptsThatDoNotMatchTheTransactions()
    {
        var (transactions, receipts) = Body(4);

        Assert.Throws<ArgumentException>(() => EncodedBlockBody.Encode(transactions, receipts[..3]));
    }

    private static (L2Transaction[] Transactions, Receipt[] Receipts) Body(int count)
    {
        // Distinct encodings per position (nonce, value, log data) so that a shuffled or shifted list changes the roots.
        var transactions = new L2Transaction[count];
        var receipts = new Receipt[count];
        Parallel.For(0, count, i =>
        {
            transactions[i] = new UserTransaction(new DynamicFeeTransaction
            {
                ChainId = 7,
                Nonce = (ulong)i,
                MaxPriorityFeePerGas = 1,
                MaxFeePerGas = 2,
                GasLimit = 21_000,
                To = Address.Parse("0x00000000000000000000000000000000000000B0"),
                Value = i + 1,
            }.Sign(Key));
            var logs = i % 5 == 0 ? [new Log(Address.Parse("0x00000000000000000000000000000000000000aa"), [Hash32.Zero], [(byte)i])] : Array.Empty<Log>();
            receipts[i] = Receipt.Create(TransactionType.DynamicFee, i % 7 != 0, 21_000UL * (ulong)(i + 1), logs);
        });
        return (transactions, receipts);
    }
}
