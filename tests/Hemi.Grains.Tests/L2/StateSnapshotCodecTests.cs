using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Grains.L2.Storage;
using Hemi.Protocol.L2.State;

namespace Hemi.Grains.Tests.L2;

public sealed class StateSnapshotCodecTests
{
    private static (WorldState State, Hash32 Root, InMemoryTrieNodeStore Store) SampleState(int accounts)
    {
        var store = new InMemoryTrieNodeStore();
        var state = new WorldState(store, PatriciaTrie.EmptyRootHash);
        NativeContracts.Install(state);
        var token = NativeErc20.HemiBtc(Address.Parse("0xAA00000000000000000000000000000000000001"));
        token.InstallCode(state);
        for (var i = 1; i <= accounts; i++)
        {
            var address = new Address([.. new byte[19], (byte)i]);
            state.SetBalance(address, new BigInteger(i) * 1_000_000);
            state.SetNonce(address, (ulong)i);
            token.Mint(state, address, i);
        }

        var root = state.Commit();
        // Nodes of an older root are also in the store: the snapshot must take only the reachable ones.
        state.SetBalance(new Address([.. new byte[19], 1]), 5);
        var newer = state.Commit();
        return (new WorldState(store, newer), newer, store);
    }

    [Fact]
    public void Snapshot_RoundTrips_AndReopensTheSameState()
    {
        var (_, root, store) = SampleState(40);
        var nodes = StateSnapshotCodec.CollectNodes(store, root);
        Assert.True(nodes.Count < store.Count);
        var (decodedRoot, decoded) = StateSnapshotCodec.Decode(StateSnapshotCodec.Encode(root, nodes));
        Assert.Equal(root, decodedRoot);

        var fresh = new InMemoryTrieNodeStore();
        fresh.PutBatch(decoded);
        var reopened = new WorldState(fresh, root);
        Assert.Equal(root, reopened.StateRoot);
        for (var i = 1; i <= 40; i++)
        {
            var address = new Address([.. new byte[19], (byte)i]);
            Assert.Equal((ulong)i, reopened.GetNonce(address));
            Assert.Equal(new BigInteger(i), NativeErc20.HemiBtc(Address.Parse("0xAA00000000000000000000000000000000000001")).BalanceOf(reopened, address));
        }

        // Complete: collecting again from the fresh store finds every node.
        Assert.Equal(nodes.Count, StateSnapshotCodec.CollectNodes(fresh, root).Count);
    }

    [Fact]
    public void CollectNodes_MissingNode_IsReported()
    {
        var (_, root, store) = SampleState(10);
        var nodes = StateSnapshotCodec.CollectNodes(store, root);
        var partial = new InMemoryTrieNodeStore();
        partial.PutBatch(nodes.Skip(1).ToArray());
        Assert.Throws<L2StorageFormatException>(() => StateSnapshotCodec.CollectNodes(partial, root));
        Assert.Empty(StateSnapshotCodec.CollectNodes(partial, PatriciaTrie.EmptyRootHash));
    }

    [Fact]
    public void Decode_RejectsTruncationHugeCountsAndTrailingBytes()
    {
        var (_, root, store) = SampleState(3);
        var encoded = StateSnapshotCodec.Encode(root, StateSnapshotCodec.CollectNodes(store, root));
        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<L2StorageFormatException>(() => StateSnapshotCodec.Decode(encoded.AsSpan(0, length)));
        }

        Assert.Throws<L2StorageFormatException>(() => StateSnapshotCodec.Decode([.. encoded, 0]));
        var huge = (byte[])encoded.Clone();
        huge[33] = 0xFF;
        Assert.Throws<L2StorageFormatException>(() => StateSnapshotCodec.Decode(huge));
    }

    [Fact]
    public void Decode_Garbage_ThrowsOnlyTheTypedException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), garbage =>
            {
                try
                {
                    StateSnapshotCodec.Decode([StateSnapshotCodec.Version, .. garbage]);
                }
                catch (L2StorageFormatException)
                {
                }

                return true;
            })
            .QuickCheckThrowOnFailure();
    }
}
