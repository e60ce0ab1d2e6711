using System.Collections.Immutable;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Transactions;
using Hemi.Protocol.Hvm;

namespace Hemi.Grains.Hvm;

/// <summary>
/// One immutable state of the hVM Bitcoin index: the transactions, unspent outputs (by outpoint and by script, with
/// balances), spent markers and headers of a contiguous run of connected blocks. <see cref="Connect"/> and
/// <see cref="Disconnect"/> return new snapshots and never change this one, so a reader holding a snapshot always sees
/// whole blocks, whatever the writer does meanwhile.
/// </summary>
/// <remarks>
/// <para>
/// The maps are persistent (System.Collections.Immutable): a new snapshot shares everything its block did not touch,
/// so keeping a few recent snapshots costs only their changes. Each block keeps a journal of what it changed and what it
/// replaced; <see cref="Disconnect"/> replays it backwards, which restores the previous contents exactly.
/// </para>
/// <para>
/// Outputs that can never be spent (OP_RETURN, or scripts over Bitcoin's 10,000-byte limit) are not put in the unspent
/// set, as in Bitcoin Core. Spends of outpoints the index never saw (created below the first connected block) are still
/// marked with their spender, but change no balance. Outputs are listed per script in chain order (height, position in
/// block, output index), which is stable under paging and the same on every node.
/// </para>
/// <para>
/// Memory grows with the indexed history (see <see cref="HvmBitcoinIndexStatistics"/>): index from a recent start height
/// (the chain grain's <c>StartHeight</c>) on large networks.
/// </para>
/// </remarks>
public sealed class HvmBitcoinIndexSnapshot
{
    /// <summary>The most unspent outputs one <see cref="GetUtxos"/> call returns, whatever it asks for.</summary>
    public const int MaxUtxosPerQuery = 1_000;

    // Bitcoin's MAX_SCRIPT_SIZE: a longer output script can never be spent.
    private const int MaxSpendableScriptSize = 10_000;

    private readonly ImmutableList<HvmIndexedBlock> _blocks;
    private readonly ImmutableDictionary<Hash256, uint> _heightByHash;
    private readonly ImmutableDictionary<Hash256, IndexedTransaction> _transactions;
    private readonly ImmutableDictionary<OutPoint, IndexedOutput> _unspent;
    private readonly ImmutableDictionary<ScriptKey, ScriptOutputs> _byScript;
    private readonly ImmutableDictionary<OutPoint, Hash256> _spentBy;
    private readonly long _rawBytes;

    private HvmBitcoinIndexSnapshot(
        Network network,
        ImmutableList<HvmIndexedBlock> blocks,
        ImmutableDictionary<Hash256, uint> heightByHash,
        ImmutableDictionary<Hash256, IndexedTransaction> transactions,
        ImmutableDictionary<OutPoint, IndexedOutput> unspent,
        ImmutableDictionary<ScriptKey, ScriptOutputs> byScript,
        ImmutableDictionary<OutPoint, Hash256> spentBy,
        long rawBytes)
    {
        Network = network;
        _blocks = blocks;
        _heightByHash = heightByHash;
        _transactions = transactions;
        _unspent = unspent;
        _byScript = byScript;
        _spentBy = spentBy;
        _rawBytes = rawBytes;
        Tip = blocks.IsEmpty ? null : blocks[^1].Header;
    }

    /// <summary>The network the indexed blocks belong to.</summary>
    public Network Network { get; }

    /// <summary>The last connected block, or <see langword="null"/> when nothing is connected.</summary>
    public HvmHeaderRecord? Tip { get; }

    /// <summary>The height of the first connected block, or <see langword="null"/> when nothing is connected.</summary>
    public uint? FirstHeight => _blocks.IsEmpty ? null : _blocks[0].Header.Height;

    /// <summary>Whether nothing is connected (the state every full disconnect returns to).</summary>
    public bool IsEmpty => _blocks.IsEmpty;

    /// <summary>An index with no block connected.</summary>
    public static HvmBitcoinIndexSnapshot Empty(Network network) => new(
        network ?? throw new ArgumentNullException(nameof(network)),
        [],
        ImmutableDictionary<Hash256, uint>.Empty,
        ImmutableDictionary<Hash256, IndexedTransaction>.Empty,
        ImmutableDictionary<OutPoint, IndexedOutput>.Empty,
        ImmutableDictionary<ScriptKey, ScriptOutputs>.Empty,
        ImmutableDictionary<OutPoint, Hash256>.Empty,
        0);

    /// <summary>Whether <paramref name="blockHash"/> is one of the connected blocks.</summary>
    public bool Contains(Hash256 blockHash) => _heightByHash.ContainsKey(blockHash);

    /// <summary>
    /// This snapshot with <paramref name="block"/> connected at <paramref name="height"/>. The first block may sit at any
    /// height; every later one must be the child of <see cref="Tip"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The block does not extend the tip.</exception>
    public HvmBitcoinIndexSnapshot Connect(Block block, uint height)
    {
        ArgumentNullException.ThrowIfNull(block);
        var header = new HvmHeaderRecord(height, block.Header);
        var hash = header.Hash;
        if (Tip is { } tip && ((ulong)height != (ulong)tip.Height + 1 || block.Header.PrevBlock != tip.Hash))
        {
            throw new InvalidOperationException(
                $"Block {hash} at height {height} does not extend the index tip {tip.Hash} at height {tip.Height}.");
        }

        var transactions = _transactions.ToBuilder();
        var unspent = _unspent.ToBuilder();
        var byScript = new ScriptOutputsEditor(_byScript);
        var spentBy = _spentBy.ToBuilder();
        var journal = ImmutableArray.CreateBuilder<IndexJournalEntry>();
        var rawBytes = _rawBytes;
        for (var index = 0; index < block.Transactions.Count; index++)
        {
            var tx = block.Transactions[index];
            var txId = tx.GetTxId();
            foreach (var input in tx.Inputs)
            {
                var prevOut = input.PrevOut;
                if (prevOut.IsNull)
                {
                    continue;
                }

                if (unspent.TryGetValue(prevOut, out var spent))
                {
                    RemoveOutput(unspent, byScript, spent);
                    journal.Add(new IndexJournalEntry.OutputRemoved(spent));
                }

                journal.Add(new IndexJournalEntry.SpenderSet(prevOut, spentBy.TryGetValue(prevOut, out var previousSpender) ? previousSpender : null));
                spentBy[prevOut] = txId;
            }

            var raw = tx.ToBytes();
            var previous = transactions.GetValueOrDefault(txId);
            journal.Add(new IndexJournalEntry.TransactionAdded(txId, previous));
            rawBytes += raw.Length - (previous?.Raw.Length ?? 0);
            transactions[txId] = new IndexedTransaction(raw, hash, height, index);

            for (var vout = 0; vout < tx.Outputs.Count; vout++)
            {
                var txOut = tx.Outputs[vout];
                if (IsUnspendable(txOut.ScriptPubKey))
                {
                    continue;
                }

                var outPoint = new OutPoint(txId, (uint)vout);
                if (unspent.TryGetValue(outPoint, out var overwritten))
                {
                    // A duplicate txid (pre-BIP34 coinbases) replaces the earlier outputs, as in Bitcoin Core.
                    RemoveOutput(unspent, byScript, overwritten);
                    journal.Add(new IndexJournalEntry.OutputRemoved(overwritten));
                }

                var output = new IndexedOutput(outPoint, byScript.KeyOf(txOut.ScriptPubKey), unchecked((ulong)txOut.Value), height, index);
                AddOutput(unspent, byScript, output);
                journal.Add(new IndexJournalEntry.OutputCreated(outPoint));
            }
        }

        return new HvmBitcoinIndexSnapshot(
            Network,
            _blocks.Add(new HvmIndexedBlock(header, journal.ToImmutable(), block.Transactions.Count)),
            _heightByHash.SetItem(hash, height),
            transactions.ToImmutable(),
            unspent.ToImmutable(),
            byScript.ToImmutable(),
            spentBy.ToImmutable(),
            rawBytes);
    }

    /// <summary>This snapshot without its tip block, exactly as it was before that block was connected.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="blockHash"/> is not the tip (blocks leave highest first).</exception>
    public HvmBitcoinIndexSnapshot Disconnect(Hash256 blockHash)
    {
        if (Tip is not { } tip || tip.Hash != blockHash)
        {
            throw new InvalidOperationException(
                $"Only the tip can be disconnected: {blockHash} is not the index tip ({(Tip is null ? "empty" : Tip.Hash.ToString())}).");
        }

        var block = _blocks[^1];
        var transactions = _transactions.ToBuilder();
        var unspent = _unspent.ToBuilder();
        var byScript = new ScriptOutputsEditor(_byScript);
        var spentBy = _spentBy.ToBuilder();
        var rawBytes = _rawBytes;
        for (var i = block.Journal.Length - 1; i >= 0; i--)
        {
            switch (block.Journal[i])
            {
                case IndexJournalEntry.OutputCreated created:
                    RemoveOutput(unspent, byScript, unspent[created.OutPoint]);
                    break;
                case IndexJournalEntry.OutputRemoved removed:
                    AddOutput(unspent, byScript, removed.Output);
                    break;
                case IndexJournalEntry.SpenderSet marked:
                    if (marked.Previous is { } previousSpender)
                    {
                        spentBy[marked.OutPoint] = previousSpender;
                    }
                    else
                    {
                        spentBy.Remove(marked.OutPoint);
                    }

                    break;
                case IndexJournalEntry.TransactionAdded added:
                    rawBytes -= transactions[added.TxId].Raw.Length;
                    if (added.Previous is { } previousTx)
                    {
                        transactions[added.TxId] = previousTx;
                        rawBytes += previousTx.Raw.Length;
                    }
                    else
                    {
                        transactions.Remove(added.TxId);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown journal entry {block.Journal[i]}.");
            }
        }

        return new HvmBitcoinIndexSnapshot(
            Network,
            _blocks.RemoveAt(_blocks.Count - 1),
            _heightByHash.Remove(blockHash),
            transactions.ToImmutable(),
            unspent.ToImmutable(),
            byScript.ToImmutable(),
            spentBy.ToImmutable(),
            rawBytes);
    }

    /// <summary>The connected block at <paramref name="height"/>, or <see langword="null"/>.</summary>
    public HvmHeaderRecord? GetHeader(uint height)
    {
        if (FirstHeight is not { } first || height < first || height - first >= (uint)_blocks.Count)
        {
            return null;
        }

        return _blocks[(int)(height - first)].Header;
    }

    /// <summary>The connected block <paramref name="blockHash"/>, or <see langword="null"/>.</summary>
    public HvmHeaderRecord? GetHeader(Hash256 blockHash) =>
        _heightByHash.TryGetValue(blockHash, out var height) ? GetHeader(height) : null;

    /// <summary>The indexed transaction <paramref name="txId"/> with its block, or <see langword="null"/>.</summary>
    public HvmTransactionRecord? GetTransaction(Hash256 txId) =>
        _transactions.TryGetValue(txId, out var indexed)
            ? new HvmTransactionRecord(Transaction.Parse(indexed.Raw), indexed.BlockHash, indexed.Height)
            : null;

    /// <summary>The position of transaction <paramref name="txId"/> in its block, or <see langword="null"/>.</summary>
    public int? GetTransactionIndex(Hash256 txId) => _transactions.TryGetValue(txId, out var indexed) ? indexed.Index : null;

    /// <summary>Whether <paramref name="outPoint"/> is in the unspent set.</summary>
    public bool IsUnspent(OutPoint outPoint) => outPoint is not null && _unspent.ContainsKey(outPoint);

    /// <summary>The transaction that spent <paramref name="outPoint"/>, or <see langword="null"/> when no indexed input spends it.</summary>
    public Hash256? GetSpender(OutPoint outPoint) =>
        outPoint is not null && _spentBy.TryGetValue(outPoint, out var spender) ? spender : null;

    /// <summary>The total of the unspent outputs paying <paramref name="scriptPubKey"/>, saturated at <see cref="ulong.MaxValue"/>.</summary>
    public ulong GetBalance(byte[] scriptPubKey)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        return _byScript.TryGetValue(new ScriptKey(scriptPubKey), out var outputs)
            ? (ulong)UInt128.Min(outputs.Balance, ulong.MaxValue)
            : 0;
    }

    /// <summary>How many unspent outputs pay <paramref name="scriptPubKey"/>.</summary>
    public int CountUtxos(byte[] scriptPubKey)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        return _byScript.TryGetValue(new ScriptKey(scriptPubKey), out var outputs) ? outputs.Outputs.Count : 0;
    }

    /// <summary>
    /// Up to <paramref name="count"/> (at most <see cref="MaxUtxosPerQuery"/>) unspent outputs paying
    /// <paramref name="scriptPubKey"/> in chain order, after skipping <paramref name="skip"/>. Costs O(count · log n)
    /// whatever <paramref name="skip"/> is.
    /// </summary>
    public IReadOnlyList<BitcoinUtxo> GetUtxos(byte[] scriptPubKey, ulong skip, int count)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        if (count <= 0 || !_byScript.TryGetValue(new ScriptKey(scriptPubKey), out var outputs) || skip >= (ulong)outputs.Outputs.Count)
        {
            return [];
        }

        var start = (int)skip;
        var take = Math.Min(Math.Min(count, MaxUtxosPerQuery), outputs.Outputs.Count - start);
        var result = new BitcoinUtxo[take];
        for (var i = 0; i < take; i++)
        {
            var output = outputs.Outputs[start + i];
            result[i] = new BitcoinUtxo(output.OutPoint.TxId, output.OutPoint.Index, output.Value);
        }

        return result;
    }

    /// <summary>Sizes of what this snapshot holds.</summary>
    public HvmBitcoinIndexStatistics GetStatistics() => new(
        Tip is { } tip ? tip.Height : -1,
        _blocks.Count,
        _transactions.Count,
        _unspent.Count,
        _spentBy.Count,
        _byScript.Count,
        _rawBytes);

    /// <summary>Whether both snapshots hold the same blocks, transactions, outputs, balances and spent markers (O(n); for tests and audits).</summary>
    public bool ContentEquals(HvmBitcoinIndexSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Network != other.Network || _rawBytes != other._rawBytes || _blocks.Count != other._blocks.Count)
        {
            return false;
        }

        for (var i = 0; i < _blocks.Count; i++)
        {
            var (mine, theirs) = (_blocks[i], other._blocks[i]);
            if (mine.Header.Height != theirs.Header.Height || mine.Header.Hash != theirs.Header.Hash || mine.TransactionCount != theirs.TransactionCount)
            {
                return false;
            }
        }

        return MapEquals(_heightByHash, other._heightByHash, static (a, b) => a == b)
            && MapEquals(_transactions, other._transactions, static (a, b) => a.ContentEquals(b))
            && MapEquals(_unspent, other._unspent, static (a, b) => a.ContentEquals(b))
            && MapEquals(_spentBy, other._spentBy, static (a, b) => a == b)
            && MapEquals(_byScript, other._byScript, static (a, b) =>
                a.Balance == b.Balance && a.Outputs.SequenceEqual(b.Outputs, OutputContentComparer.Instance));
    }

    private static bool MapEquals<TKey, TValue>(ImmutableDictionary<TKey, TValue> a, ImmutableDictionary<TKey, TValue> b, Func<TValue, TValue, bool> equals)
        where TKey : notnull
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !equals(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnspendable(byte[] script) =>
        script.Length > MaxSpendableScriptSize || (script.Length > 0 && script[0] == (byte)Bitcoin.Scripts.OpcodeType.OP_RETURN);

    private static void AddOutput(
        ImmutableDictionary<OutPoint, IndexedOutput>.Builder unspent,
        ScriptOutputsEditor byScript,
        IndexedOutput output)
    {
        unspent[output.OutPoint] = output;
        byScript.Add(output);
    }

    private static void RemoveOutput(
        ImmutableDictionary<OutPoint, IndexedOutput>.Builder unspent,
        ScriptOutputsEditor byScript,
        IndexedOutput output)
    {
        unspent.Remove(output.OutPoint);
        byScript.Remove(output);
    }

    private sealed class OutputContentComparer : IEqualityComparer<IndexedOutput>
    {
        public static OutputContentComparer Instance { get; } = new();

        public bool Equals(IndexedOutput? x, IndexedOutput? y) => x is not null && y is not null && x.ContentEquals(y);

        public int GetHashCode(IndexedOutput obj) => obj.OutPoint.GetHashCode();
    }
}
