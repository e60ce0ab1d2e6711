using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using Hemi.Ethereum;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.State;

namespace Hemi.Protocol.Tests.Hvm;

public sealed class HvmStateBitcoinViewTests
{
    private static List<BlockHeader> Chain(BlockHeader? from, int count, uint salt)
    {
        var chain = new List<BlockHeader>();
        var prev = from?.GetHash() ?? Hash256.Parse(new string('0', 63) + "1");
        for (var i = 0; i < count; i++)
        {
            var header = new BlockHeader(0x20000000, prev, Hash256.Parse(((salt * 1000) + (uint)i).ToString("x64")), 1_700_000_000 + (uint)(i * 600), 0x207fffff, salt);
            chain.Add(header);
            prev = header.GetHash();
        }

        return chain;
    }

    private static void Store(WorldState state, IReadOnlyList<BlockHeader> headers, BlockHeader tip, ulong l2Block) =>
        HvmStateLayout.Apply(state, BitcoinAttributesCall.FromHeaders(tip.GetHash(), headers), l2Block);

    [Fact]
    public void Headers_AreAnchoredAtTheFirstRecordedHeight_AndTheTipIsTheRecordedTip()
    {
        var state = new WorldState();
        var chain = Chain(null, 5, 1);
        Store(state, chain[..3], chain[2], 1);
        Store(state, chain[3..], chain[4], 2);

        var view = new HvmStateBitcoinView(state, 1000, Network.Regtest, indexerTipLag: 0);

        Assert.Equal(new HvmHeaderRecord(1004, chain[4]), view.GetBestHeader());
        Assert.Equal(new HvmHeaderRecord(1002, chain[2]), view.GetHeaderByHeight(1002));
        Assert.Equal(new HvmHeaderRecord(1000, chain[0]), view.GetHeaderByHeight(1000));
        Assert.Null(view.GetHeaderByHeight(999));
        Assert.Null(view.GetHeaderByHeight(1005));
        Assert.Equal(1003u, view.GetHeaderByHash(chain[3].GetHash())!.Height);
    }

    [Fact]
    public void DefaultLag_ServesTwoBlocksBelowTheRecordedTip_LikeHvmsIndexers()
    {
        var state = new WorldState();
        var chain = Chain(null, 4, 1);
        Store(state, chain, chain[3], 1);

        var view = new HvmStateBitcoinView(state, 10, Network.Regtest);

        Assert.Equal(2u, HvmStateBitcoinView.HvmIndexerTipLag);
        Assert.Equal(13u, view.GetRecordedTip()!.Height);
        Assert.Equal(11u, view.GetBestHeader()!.Height);
        Assert.NotNull(view.GetHeaderByHeight(11));
        Assert.Null(view.GetHeaderByHeight(12));
    }

    [Fact]
    public void Reorg_TheCanonicalChainFollowsTheNewTip_OldHeadersStayKnownByHash()
    {
        var state = new WorldState();
        var main = Chain(null, 5, 1);
        Store(state, main, main[4], 1);
        var fork = Chain(main[2], 3, 2); // heights 503..505 branching after main[2]
        Store(state, fork, fork[2], 2);

        var view = new HvmStateBitcoinView(state, 500, Network.Regtest, indexerTipLag: 0);

        Assert.Equal(new HvmHeaderRecord(505, fork[2]), view.GetBestHeader());
        Assert.Equal(fork[0], view.GetHeaderByHeight(503)!.Header);
        Assert.Equal(main[2], view.GetHeaderByHeight(502)!.Header);
        Assert.Equal(503u, view.GetHeaderByHash(main[3].GetHash())!.Height);
    }

    [Fact]
    public void AViewKeptOverALiveState_SeesLaterAttributes_AndRollbacks()
    {
        var state = new WorldState();
        var main = Chain(null, 4, 1);
        Store(state, main[..2], main[1], 1);
        var view = new HvmStateBitcoinView(state, 0, Network.Regtest, indexerTipLag: 0);
        Assert.Equal(1u, view.GetBestHeader()!.Height);

        Store(state, main[2..], main[3], 2);
        Assert.Equal(new HvmHeaderRecord(3, main[3]), view.GetBestHeader());

        // A block that is rolled back and rebuilt with other headers at the same storage indexes.
        var snapshot = state.Snapshot();
        var fork = Chain(main[3], 2, 5);
        Store(state, fork, fork[1], 3);
        Assert.Equal(5u, view.GetBestHeader()!.Height);
        state.Revert(snapshot);
        Assert.Equal(new HvmHeaderRecord(3, main[3]), view.GetBestHeader());
        var other = Chain(main[3], 2, 6);
        Store(state, other, other[1], 3);
        Assert.Equal(new HvmHeaderRecord(5, other[1]), view.GetBestHeader());
        Assert.Equal(other[0], view.GetHeaderByHeight(4)!.Header);
    }

    [Fact]
    public void HeadersWhoseParentWasNeverRecorded_AreIgnored()
    {
        var state = new WorldState();
        var main = Chain(null, 2, 1);
        var template = Chain(null, 1, 9)[0];
        var stray = new BlockHeader(template.Version, Hash256.Parse(new string('e', 64)), template.MerkleRoot, template.Time, template.Bits, template.Nonce);
        Store(state, [main[0], stray, main[1]], main[1], 1);

        var view = new HvmStateBitcoinView(state, 0, Network.Regtest, indexerTipLag: 0);

        Assert.Null(view.GetHeaderByHash(stray.GetHash()));
        Assert.Equal(1u, view.GetBestHeader()!.Height);
    }

    [Fact]
    public void EmptyState_HasNoHeaders_AndTransactionQueriesNeedAnIndex()
    {
        var view = new HvmStateBitcoinView(new WorldState(), 0, Network.Regtest);

        Assert.Null(view.GetBestHeader());
        Assert.Null(view.GetHeaderByHeight(0));
        Assert.Throws<BitcoinViewUnavailableException>(() => view.GetTransaction(Hash256.Zero));
        Assert.Throws<BitcoinViewUnavailableException>(() => view.GetBalance([0x51]));
        Assert.Throws<BitcoinViewUnavailableException>(() => view.GetUtxos([0x51], 0, 1));
        Assert.Throws<BitcoinViewUnavailableException>(() => view.IsUnspent(new OutPoint(Hash256.Zero, 0)));
    }

    [Fact]
    public void TransactionQueries_GoToTheInnerIndex()
    {
        var inner = new InMemoryBitcoinView(Network.Regtest);
        var tx = new Transaction(2, [new TxIn(OutPoint.Null, [0x51], uint.MaxValue)], [new TxOut(1, [0x51])], 0);
        inner.AddTransaction(tx, Hash256.Zero, 3, 0);
        inner.SetBalance([0x51], 42);

        var view = new HvmStateBitcoinView(new WorldState(), 0, Network.Regtest, inner);

        Assert.Equal(3u, view.GetTransaction(tx.GetTxId())!.BlockHeight);
        Assert.True(view.IsUnspent(new OutPoint(tx.GetTxId(), 0)));
        Assert.Equal(42UL, view.GetBalance([0x51]));
    }

    [Fact]
    public void EthCall_ToBtcLastHeader_AnswersFromTheWorldStateAfterAnAttributesTransaction()
    {
        var state = new WorldState();
        NativeContracts.Install(state);
        var chain = Chain(null, 3, 4);
        Store(state, chain, chain[2], 7);
        var engine = new NativeExecutionEngine();
        var caller = Address.Parse("0x00000000000000000000000000000000000000aa");
        var root = state.StateRoot;

        var withView = engine.SimulateCall(state, caller, HvmPrecompiles.AddressOf(HvmPrecompile.BtcLastHeader), [], BigInteger.Zero,
            new HvmStateBitcoinView(state, 800_000, Network.Regtest, indexerTipLag: 0));
        var withoutView = engine.SimulateCall(state, caller, HvmPrecompiles.AddressOf(HvmPrecompile.BtcLastHeader), [], BigInteger.Zero);

        Assert.True(withView.Succeeded);
        Assert.Equal(new HvmHeaderRecord(800_002, chain[2]).Encode(), withView.ReturnData);
        Assert.Equal(HvmPrecompiles.BtcLastHeaderGas, withView.Gas);
        Assert.False(withoutView.Succeeded);
        Assert.Equal(NativeCallFailure.BitcoinViewUnavailable, withoutView.Failure);
        Assert.Contains("Bitcoin view", withoutView.RevertReason);
        Assert.Equal(root, state.StateRoot);
    }
}
