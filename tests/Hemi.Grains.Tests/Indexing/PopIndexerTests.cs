using Hemi.Bitcoin.Blocks;
using Hemi.Grains.Indexing;

namespace Hemi.Grains.Tests.Indexing;

public sealed class PopIndexerTests
{
    private const string Testnet3Block = "hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex";

    [VectorFact(Testnet3Block)]
    public void ConnectBlock_IndexesEveryPublicationOfTestnet3Block3802508()
    {
        var block = Block.ParseHex(TestVectors.ReadText(Testnet3Block).Trim());
        var indexer = new PopIndexer();

        indexer.ConnectBlock(block, 3802508);

        Assert.Equal(1, indexer.BlockCount);
        Assert.Equal(3448, indexer.PublicationCount);
        Assert.Equal(316, indexer.KeystoneCount);
    }

    [VectorFact(Testnet3Block)]
    public void FirstPublication_PointsAtTheBlockAndEveryPublicationIsListed()
    {
        var block = Block.ParseHex(TestVectors.ReadText(Testnet3Block).Trim());
        var indexer = new PopIndexer();
        indexer.ConnectBlock(block, 3802508);
        var someKeystone = Protocol.Pop.PopScanner.Scan(block)[0].KeystoneHash;

        var first = indexer.FirstPublication(someKeystone);
        var all = indexer.Publications(someKeystone);

        Assert.NotNull(first);
        Assert.Equal(block.GetHash(), first.BlockHash);
        Assert.Equal(3802508u, first.BlockHeight);
        Assert.NotEmpty(all);
        Assert.All(all, p => Assert.Equal(block.GetHash(), p.BlockHash));
        Assert.All(all, p => Assert.Equal(someKeystone, p.Publication.KeystoneHash));
    }

    [VectorFact(Testnet3Block)]
    public void DisconnectBlock_UnindexesItsPublications()
    {
        var block = Block.ParseHex(TestVectors.ReadText(Testnet3Block).Trim());
        var indexer = new PopIndexer();
        indexer.ConnectBlock(block, 3802508);

        indexer.DisconnectBlock(block.GetHash());

        Assert.Equal(0, indexer.BlockCount);
        Assert.Equal(0, indexer.PublicationCount);
        Assert.Equal(0, indexer.KeystoneCount);
    }

    [VectorFact(Testnet3Block)]
    public void ConnectBlock_TwiceIsANoOp()
    {
        var block = Block.ParseHex(TestVectors.ReadText(Testnet3Block).Trim());
        var indexer = new PopIndexer();

        indexer.ConnectBlock(block, 3802508);
        indexer.ConnectBlock(block, 3802508);

        Assert.Equal(3448, indexer.PublicationCount);
    }
}
