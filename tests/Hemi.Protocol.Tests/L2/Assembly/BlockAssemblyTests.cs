using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Transactions;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Tests.L2.Blocks;

namespace Hemi.Protocol.Tests.L2.Assembly;

public sealed class BlockAssemblyTests
{
    [Fact]
    public void TransactionsRoot_OfGethSimpleTxBlock_MatchesItsHeader()
    {
        var reader = new RlpReader(Convert.FromHexString(L2BlockHeaderTests.SimpleTxBlockHex));
        var block = reader.EnterList();
        var header = L2BlockHeader.Decode(block.ReadRaw());
        var txs = block.EnterList();
        var transactions = new List<L2Transaction>();
        while (txs.HasMore)
        {
            transactions.Add(L2Transaction.Decode(txs.ReadRaw()));
        }

        Assert.Equal(header.TransactionsRoot, BlockRoots.TransactionsRoot(transactions));
        Assert.Equal(Hash32.Parse("0x5fe50b260da6308036625b850b5d6ced6d0a9f814c0688bc91ffb7b7a3a54b67"), header.TransactionsRoot);
    }

    [Fact]
    public void EmptyBody_HasEmptyRootsAndBloom()
    {
        Assert.Equal(PatriciaTrie.EmptyRootHash, BlockRoots.TransactionsRoot([]));
        Assert.Equal(PatriciaTrie.EmptyRootHash, BlockRoots.ReceiptsRoot([]));
        Assert.True(BlockRoots.LogsBloom([]).IsEmpty);
    }

    [Fact]
    public void LogsBloom_IsTheOrOfReceiptBlooms_AndReceiptsRootUsesTypedEncodings()
    {
        var a = new Log(Address.Parse("0x00000000000000000000000000000000000000aa"), [], []);
        var b = new Log(Address.Parse("0x00000000000000000000000000000000000000bb"), [Hash32.Zero], [1]);
        var receipts = new[]
        {
            Receipt.Create((TransactionType)0x7C, true, 0, []),
            Receipt.Create(TransactionType.DynamicFee, true, 21_000, [a]),
            Receipt.Create(TransactionType.Legacy, false, 42_000, [b]),
        };
        var bloom = BlockRoots.LogsBloom(receipts);
        Assert.Equal(Bloom.FromLogs([a, b]), bloom);
        Assert.Equal(0x7C, receipts[0].Encode()[0]);
        Assert.Equal(OrderedTrie.ComputeRoot(receipts.Select(r => r.Encode()).ToArray()), BlockRoots.ReceiptsRoot(receipts));
    }

    [Theory]
    [InlineData(0UL, false)]
    [InlineData(1UL, false)]
    [InlineData(24UL, false)]
    [InlineData(25UL, true)]
    [InlineData(26UL, false)]
    [InlineData(50UL, true)]
    [InlineData(2_500_000UL, true)]
    public void IsKeystone_EveryPositiveMultipleOf25(ulong number, bool expected)
    {
        Assert.Equal(expected, KeystoneBuilder.IsKeystone(number));
    }

    [Fact]
    public void FromBlocks_FillsEveryKeystoneField()
    {
        var header = new L2BlockHeader
        {
            Number = 50,
            ParentHash = Hash32.Parse("0x" + new string('1', 64)),
            StateRoot = Hash32.Parse("0x" + new string('2', 64)),
            BaseFeePerGas = 1,
        };
        var previous = Hash32.Parse("0x" + new string('3', 64));

        var keystone = KeystoneBuilder.FromBlocks(header, previous, 777);

        Assert.Equal(1, keystone.Version);
        Assert.Equal(777u, keystone.L1BlockNumber);
        Assert.Equal(50u, keystone.L2BlockNumber);
        Assert.Equal(header.ParentHash.ToBytes(), keystone.ParentEPHash);
        Assert.Equal(previous.ToBytes(), keystone.PrevKeystoneEPHash);
        Assert.Equal(header.StateRoot.ToBytes(), keystone.StateRoot);
        Assert.Equal(header.Hash.ToBytes(), keystone.EPHash);

        var first = KeystoneBuilder.FromBlocks(header with { Number = 25 }, null, 1);
        Assert.Empty(first.PrevKeystoneEPHash);
        Assert.Throws<ArgumentException>(() => KeystoneBuilder.FromBlocks(header with { Number = 51 }, previous, 1));
    }
}
