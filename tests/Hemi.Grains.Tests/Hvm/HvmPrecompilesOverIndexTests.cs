using System.Buffers.Binary;
using System.Text;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Transactions;
using Hemi.Grains.Hvm;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;
using Hemi.Protocol.L2.State;

namespace Hemi.Grains.Tests.Hvm;

/// <summary>hVM precompiles 0x40–0x43 against the index a silo builds from a regtest node's real, signed transactions.</summary>
public sealed class HvmPrecompilesOverIndexTests
{
    // Containing block, version, sizes, locktime, inputs with their source; outputs with script and spent flag;
    // up to 8 inputs and 8 outputs; output scripts up to 128 bytes.
    private static readonly BitcoinTxQueryFlags AllFlags = new(0x7E_64_1B_03);

    [Fact]
    public async Task Precompiles_AnswerBalancesUtxosTransactionsAndConfirmationsOfMinedTransactions()
    {
        await using var harness = await HvmIndexHarness.StartAsync();
        var (payment, coin) = await harness.PayAsync(harness.PayeeScript, 12_345_678);
        var paymentBlock = (await harness.MineAsync(1))[0];
        await harness.MineAsync(3);
        await harness.Chain.RefreshAsync();
        var view = harness.Index.GetLatestView();
        Assert.Equal(105u, view.GetBestHeader()?.Height);

        // 0x40: balances agree with the node's own UTXO set.
        Assert.Equal(12_345_678UL, BalanceOf(view, harness.PayeeAddress));
        var minerUtxos = await harness.Node.GetUtxosAsync(harness.MinerScript);
        Assert.Equal((ulong)minerUtxos.Sum(u => u.Output.Value), BalanceOf(view, harness.MinerAddress));

        // 0x41: every page, in chain order, adds up to the node's UTXOs.
        var expected = minerUtxos.OrderBy(u => u.Height).ThenBy(u => u.IsCoinbase ? 0 : 1).ThenBy(u => u.OutPoint.Index)
            .Select(u => (u.OutPoint.TxId, u.OutPoint.Index, (ulong)u.Output.Value)).ToArray();
        var listed = new List<BitcoinUtxo>();
        for (uint page = 0; ; page++)
        {
            var result = Run(HvmPrecompile.BtcUtxosAddrList, new BitcoinUtxoQuery(harness.MinerAddress, page, 0).Encode(), view);
            var entries = BitcoinUtxo.DecodeList(result);
            listed.AddRange(entries);
            if (entries.Count < BitcoinUtxoQuery.DefaultPageSize)
            {
                break;
            }
        }

        Assert.Equal(expected, listed.Select(u => (u.TxId, u.Index, u.Value)));
        var payeeUtxos = BitcoinUtxo.DecodeList(Run(HvmPrecompile.BtcUtxosAddrList, new BitcoinUtxoQuery(harness.PayeeAddress, 0, 5).Encode(), view));
        Assert.Equal([(payment.GetTxId(), (uint)IndexOfOutput(payment, harness.PayeeScript), 12_345_678UL)], payeeUtxos.Select(u => (u.TxId, u.Index, u.Value)));

        // 0x42: the selected fields, byte for byte; nothing spent yet.
        var txQuery = new BitcoinTxQuery(payment.GetTxId(), AllFlags).Encode();
        Assert.Equal(ExpectedTxOutput(payment, paymentBlock, (ulong)coin.Output.Value, _ => false), Run(HvmPrecompile.BtcTxByTxid, txQuery, view));

        // 0x43: tip − height + 1.
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32BigEndian(Run(HvmPrecompile.BtcTxConfirmations, payment.GetTxId().ToDisplayBytes(), view)));

        // Spending the payee's output flips its spent flag and moves the balance.
        var payBack = await harness.PayBackAsync();
        await harness.MineAsync(1);
        await harness.Chain.RefreshAsync();
        view = harness.Index.GetLatestView();
        var payeeVout = IndexOfOutput(payment, harness.PayeeScript);
        Assert.Equal(
            ExpectedTxOutput(payment, paymentBlock, (ulong)coin.Output.Value, vout => vout == payeeVout),
            Run(HvmPrecompile.BtcTxByTxid, txQuery, view));
        Assert.Equal(0UL, BalanceOf(view, harness.PayeeAddress));
        Assert.Equal(payBack.GetTxId(), view.Snapshot.GetSpender(new OutPoint(payment.GetTxId(), (uint)payeeVout)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(Run(HvmPrecompile.BtcTxConfirmations, payBack.GetTxId().ToDisplayBytes(), view)));
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32BigEndian(Run(HvmPrecompile.BtcTxConfirmations, payment.GetTxId().ToDisplayBytes(), view)));

        // Unknown txids are "not found": empty output, not a failure.
        var unknown = HvmPrecompiles.Run(HvmPrecompile.BtcTxConfirmations, Hash256.DoubleSha256("unknown"u8).ToDisplayBytes(), view);
        Assert.Equal(HvmPrecompileStatus.NotFound, unknown.Status);
        Assert.Empty(unknown.Output);
    }

    [Fact]
    public async Task Reorg_RemovesTheDisconnectedBlocksEffectsAndTheReplacementRestoresThem()
    {
        await using var harness = await HvmIndexHarness.StartAsync();
        var (payment, coin) = await harness.PayAsync(harness.PayeeScript, 5_000_000);
        var paymentBlock = (await harness.MineAsync(1))[0];
        await harness.MineAsync(2);
        await harness.Chain.RefreshAsync();
        Assert.Equal(5_000_000UL, BalanceOf(harness.Index.GetLatestView(), harness.PayeeAddress));
        var before = harness.Index.GetLatestView();

        await harness.Node.InvalidateBlockAsync(paymentBlock);
        var tip = await harness.Chain.RefreshAsync();

        Assert.Equal(101, tip.Height);
        var view = harness.Index.GetLatestView();
        Assert.Equal(101u, view.GetBestHeader()?.Height);
        Assert.Equal(0UL, BalanceOf(view, harness.PayeeAddress));
        Assert.Null(view.GetTransaction(payment.GetTxId()));
        Assert.True(view.IsUnspent(coin.OutPoint));
        Assert.Null(view.Snapshot.GetSpender(coin.OutPoint));
        Assert.Equal(HvmPrecompileStatus.NotFound, HvmPrecompiles.Run(HvmPrecompile.BtcTxByTxid, new BitcoinTxQuery(payment.GetTxId(), AllFlags).Encode(), view).Status);
        Assert.Equal(
            (ulong)(await harness.Node.GetUtxosAsync(harness.MinerScript, excludeMempoolSpent: false)).Sum(u => u.Output.Value),
            BalanceOf(view, harness.MinerAddress));
        // The view taken before the reorg still answers as of its own block.
        Assert.Equal(5_000_000UL, before.GetBalance(harness.PayeeScript));

        // The node put the payment back in its mempool: the replacement block confirms it again.
        var replacement = (await harness.MineAsync(1))[0];
        await harness.Chain.RefreshAsync();
        view = harness.Index.GetLatestView();
        Assert.Equal(replacement, view.GetTransaction(payment.GetTxId())?.BlockHash);
        Assert.Equal(5_000_000UL, BalanceOf(view, harness.PayeeAddress));
        Assert.Equal(
            ExpectedTxOutput(payment, replacement, (ulong)coin.Output.Value, _ => false),
            Run(HvmPrecompile.BtcTxByTxid, new BitcoinTxQuery(payment.GetTxId(), AllFlags).Encode(), view));
    }

    [Fact]
    public async Task SiloRestart_RebuildsTheIndexBeforeTheFirstQuery()
    {
        await using var harness = await HvmIndexHarness.StartAsync();
        var (payment, _) = await harness.PayAsync(harness.PayeeScript, 777_777);
        await harness.MineAsync(2);
        await harness.Chain.RefreshAsync();
        var before = harness.Index.Current;

        await harness.StopSiloAsync();
        await harness.StartSiloAsync();

        // No refresh: the start-up rebuild alone brought the new silo's index to the same block.
        var after = harness.Index.Current;
        Assert.NotSame(before, after);
        Assert.True(after.ContentEquals(before));
        Assert.Equal(777_777UL, BalanceOf(harness.Index.GetLatestView(), harness.PayeeAddress));
        Assert.NotNull(after.GetTransaction(payment.GetTxId()));
    }

    [Fact]
    public async Task StateView_PinsIndexQueriesToHvmsLaggedBestHeader()
    {
        await using var harness = await HvmIndexHarness.StartAsync();
        var (first, _) = await harness.PayAsync(harness.PayeeScript, 1_000_000);
        await harness.MineAsync(1);
        await harness.MineAsync(1);
        var (second, _) = await harness.PayAsync(harness.PayeeScript, 2_000_000);
        await harness.MineAsync(2);
        await harness.Chain.RefreshAsync();
        // Recorded tip 105; hVM's best header (tip − 2) is 103: the first payment (102) is visible, the second (104) not.
        var state = await RecordHeadersAsync(harness, fromHeight: 100);
        var view = harness.Index.CreateStateView(state, 100);

        Assert.Equal(103u, view.GetBestHeader()?.Height);
        Assert.Equal(1_000_000UL, BalanceOf(view, harness.PayeeAddress));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(Run(HvmPrecompile.BtcTxConfirmations, first.GetTxId().ToDisplayBytes(), view)));
        Assert.Equal(HvmPrecompileStatus.NotFound, HvmPrecompiles.Run(HvmPrecompile.BtcTxConfirmations, second.GetTxId().ToDisplayBytes(), view).Status);
        Assert.Single(BitcoinUtxo.DecodeList(Run(HvmPrecompile.BtcUtxosAddrList, new BitcoinUtxoQuery(harness.PayeeAddress, 0, 0).Encode(), view)));

        // Headers the index has not reached yet: the call fails as unavailable instead of answering from another block.
        await harness.MineAsync(5);
        var ahead = harness.Index.CreateStateView(await RecordHeadersAsync(harness, fromHeight: 100), 100);
        var result = HvmPrecompiles.Run(HvmPrecompile.BtcBalAddr, Encoding.ASCII.GetBytes(harness.PayeeAddress), ahead);
        Assert.Equal(HvmPrecompileStatus.BitcoinViewUnavailable, result.Status);
        Assert.Empty(result.Output);
    }

    private static async Task<WorldState> RecordHeadersAsync(HvmIndexHarness harness, int fromHeight)
    {
        var tip = await harness.Node.GetTipAsync();
        var headers = new List<byte[]>();
        for (var height = fromHeight; height <= tip.Height; height++)
        {
            headers.Add((await harness.Node.GetHeaderAsync(height))!.Header.ToBytes());
        }

        var state = new WorldState();
        ulong l2Block = 1;
        foreach (var chunk in headers.Chunk(BitcoinAttributesCall.MaxHeaders))
        {
            HvmStateLayout.Apply(state, new BitcoinAttributesCall(tip.Hash, chunk), l2Block++);
        }

        return state;
    }

    private static ulong BalanceOf(IBitcoinView view, string address) =>
        BinaryPrimitives.ReadUInt64BigEndian(Run(HvmPrecompile.BtcBalAddr, Encoding.ASCII.GetBytes(address), view));

    private static byte[] Run(HvmPrecompile precompile, byte[] input, IBitcoinView view)
    {
        var result = HvmPrecompiles.Run(precompile, input, view);
        Assert.True(result.Status == HvmPrecompileStatus.Success, $"{precompile}: {result.Status} {result.Reason}");
        return result.Output;
    }

    private static int IndexOfOutput(Transaction tx, byte[] script) =>
        tx.Outputs.Select((o, i) => (o, i)).Single(x => x.o.ScriptPubKey.AsSpan().SequenceEqual(script)).i;

    // Built from the transaction object the test signed, independently of the index.
    private static byte[] ExpectedTxOutput(Transaction tx, Hash256 block, ulong inputValue, Func<int, bool> spent)
    {
        var output = new List<byte>();
        void U16(int v) => output.AddRange([(byte)(v >> 8), (byte)v]);
        void U32(uint v) => output.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        void U64(ulong v)
        {
            U32((uint)(v >> 32));
            U32((uint)v);
        }

        output.AddRange(block.ToDisplayBytes());
        U32((uint)tx.Version);
        U32((uint)tx.ToBytes().Length);
        U32((uint)tx.ToBytes(includeWitness: false).Length);
        U32(tx.LockTime);
        U16(tx.Inputs.Count);
        foreach (var input in tx.Inputs)
        {
            U64(inputValue);
            output.AddRange(input.PrevOut.TxId.ToDisplayBytes());
            U16((int)input.PrevOut.Index);
        }

        var listed = tx.Outputs.Select((o, i) => (o, i)).Where(x => x.o.ScriptPubKey[0] != 0x6a).ToArray();
        U16(listed.Length);
        foreach (var (o, i) in listed)
        {
            U64((ulong)o.Value);
            U16(o.ScriptPubKey.Length);
            output.AddRange(o.ScriptPubKey);
            output.Add(spent(i) ? (byte)1 : (byte)0);
        }

        return [.. output];
    }
}
