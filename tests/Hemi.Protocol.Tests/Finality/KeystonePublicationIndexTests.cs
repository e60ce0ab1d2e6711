using Hemi.Bitcoin;
using Hemi.Crypto;
using Hemi.Protocol.Finality;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Finality;

public sealed class KeystonePublicationIndexTests
{
    private static Hash256 Hash(string label) => Hash256.FromInternal(Sha256.Hash(System.Text.Encoding.UTF8.GetBytes(label)));

    private static L2KeystoneAbrev Keystone(uint number) => new L2Keystone
    {
        L1BlockNumber = number + 1000,
        L2BlockNumber = number,
        StateRoot = Sha256.Hash(BitConverter.GetBytes(number)),
    }.Abbreviate();

    private static PopPublication Publication(uint keystone, string tx) => new(Hash(tx), 1, 1, Keystone(keystone), null);

    [Fact]
    public void FirstPublication_IsTheLowestConnectedBlock()
    {
        var index = new KeystonePublicationIndex();
        index.ConnectBlock(Hash("b101"), 101, [Publication(25, "t2")]);
        var changed = index.ConnectBlock(Hash("b100"), 100, [Publication(25, "t1")]);

        Assert.Equal([Keystone(25).GetHash()], changed);
        Assert.Equal(new KeystonePublication(Hash("b100"), 100), index.FirstPublication(Keystone(25).GetHash()));
    }

    [Fact]
    public void LaterPublication_DoesNotChangeTheFirst()
    {
        var index = new KeystonePublicationIndex();
        index.ConnectBlock(Hash("b100"), 100, [Publication(25, "t1")]);

        var changed = index.ConnectBlock(Hash("b105"), 105, [Publication(25, "t2")]);

        Assert.Empty(changed);
        Assert.Equal(100u, index.FirstPublication(Keystone(25).GetHash())!.BlockHeight);
    }

    [Fact]
    public void DisconnectingTheFirstBlock_FallsBackToTheNextPublication()
    {
        var index = new KeystonePublicationIndex();
        index.ConnectBlock(Hash("b100"), 100, [Publication(25, "t1")]);
        index.ConnectBlock(Hash("b103"), 103, [Publication(25, "t2"), Publication(50, "t3")]);

        var changed = index.DisconnectBlock(Hash("b100"));

        Assert.Equal([Keystone(25).GetHash()], changed);
        Assert.Equal(103u, index.FirstPublication(Keystone(25).GetHash())!.BlockHeight);
        index.DisconnectBlock(Hash("b103"));
        Assert.Null(index.FirstPublication(Keystone(25).GetHash()));
        Assert.Equal(0, index.KeystoneCount);
    }

    [Fact]
    public void ConnectBlock_IsIdempotent()
    {
        var index = new KeystonePublicationIndex();
        index.ConnectBlock(Hash("b100"), 100, [Publication(25, "t1")]);

        Assert.Empty(index.ConnectBlock(Hash("b100"), 100, [Publication(25, "t1")]));
        Assert.Single(index.PublicationsWithin(Keystone(25).GetHash(), 3));
        Assert.Empty(index.DisconnectBlock(Hash("unknown")));
    }

    [Fact]
    public void PublicationsWithin_CountsBlocksFromTheFirstPublication()
    {
        var index = new KeystonePublicationIndex();
        index.ConnectBlock(Hash("b100"), 100, [Publication(25, "t1")]);
        index.ConnectBlock(Hash("b102"), 102, [Publication(25, "t2"), Publication(25, "t3")]);
        index.ConnectBlock(Hash("b103"), 103, [Publication(25, "t4")]);

        Assert.Equal(3, index.PublicationsWithin(Keystone(25).GetHash(), 3).Count);
        Assert.Equal(4, index.PublicationsWithin(Keystone(25).GetHash(), 4).Count);
    }
}
