using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

public sealed partial class RegtestNode
{
    private const int LockTimeThreshold = 500_000_000;

    /// <summary>
    /// Submits a block mined elsewhere (bitcoind's submitblock): it is checked, stored and, when its chain has the most work,
    /// connected (reorganising if needed). Returns <see langword="null"/> when accepted, else why not.
    /// </summary>
    public async Task<TransactionRejection?> SubmitBlockAsync(Block block, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        TipChange? change;
        TransactionRejection? rejection;
        using (await LockAsync(ct).ConfigureAwait(false))
        {
            var oldTip = Tip;
            rejection = AddBlockToIndex(block, out var entry);
            if (rejection is null)
            {
                await PersistBlockAsync(entry!, ct).ConfigureAwait(false);
                change = await ActivateBestChainAsync(oldTip, ct).ConfigureAwait(false);
                rejection = entry!.Failure;
            }
            else
            {
                change = null;
            }
        }

        Publish(change);
        return rejection;
    }

    /// <summary>
    /// Marks <paramref name="blockHash"/> and its descendants invalid (bitcoind's invalidateblock): when on the best chain they
    /// are disconnected, their transactions return to the mempool where still valid, and the node continues on the best
    /// remaining chain (normally the parent). The mark is persisted.
    /// </summary>
    public async Task InvalidateBlockAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        TipChange? change;
        using (await LockAsync(ct).ConfigureAwait(false))
        {
            if (!_index.TryGetValue(blockHash, out var entry))
            {
                throw new KeyNotFoundException($"Block {blockHash} is not known.");
            }

            if (entry.Parent is null)
            {
                throw new InvalidOperationException("The genesis block cannot be invalidated.");
            }

            var oldTip = Tip;
            entry.Invalid = true;
            await _store.PutIfAbsentAsync(InvalidKey(blockHash), Array.Empty<byte>(), ct).ConfigureAwait(false);
            change = await ActivateBestChainAsync(oldTip, ct).ConfigureAwait(false);
        }

        Publish(change);
    }

    /// <summary>
    /// Clears an invalidation of <paramref name="blockHash"/> and its ancestors and descendants (bitcoind's reconsiderblock),
    /// then switches to the chain with the most work.
    /// </summary>
    public async Task ReconsiderBlockAsync(Hash256 blockHash, CancellationToken ct = default)
    {
        TipChange? change;
        using (await LockAsync(ct).ConfigureAwait(false))
        {
            if (!_index.TryGetValue(blockHash, out var target))
            {
                throw new KeyNotFoundException($"Block {blockHash} is not known.");
            }

            foreach (var entry in _index.Values)
            {
                if (entry.Invalid && (entry.GetAncestor(Math.Min(entry.Height, target.Height)) == target || target.GetAncestor(Math.Min(entry.Height, target.Height)) == entry))
                {
                    entry.Invalid = false;
                    entry.Failure = null;
                    await _store.DeleteAsync(InvalidKey(entry.Hash), ct).ConfigureAwait(false);
                }
            }

            change = await ActivateBestChainAsync(Tip, ct).ConfigureAwait(false);
        }

        Publish(change);
    }

    /// <summary>Context-free and header checks, then adds the block to the block tree (not yet connected).</summary>
    /// <remarks>
    /// On <paramref name="replay"/> the "time too new" rule is skipped: the block was accepted when stored, and a clock
    /// that is now behind must not make a restart drop the chain.
    /// </remarks>
    private TransactionRejection? AddBlockToIndex(Block block, out BlockIndexEntry? entry, bool replay = false)
    {
        entry = null;
        var hash = block.GetHash();
        if (_index.ContainsKey(hash))
        {
            return new TransactionRejection(RejectCode.DuplicateBlock);
        }

        if (!_index.TryGetValue(block.Header.PrevBlock, out var parent))
        {
            return new TransactionRejection(RejectCode.PrevBlockNotFound);
        }

        if (parent.HasInvalidAncestry())
        {
            return new TransactionRejection(RejectCode.BadPrevBlock);
        }

        var header = block.Header;
        var now = replay ? long.MaxValue / 2 : _time.GetUtcNow().ToUnixTimeSeconds();
        var headerError = _validator.Check(header.Version, header.PrevBlock, header.Time, header.Bits, hash, new ChainAncestry(parent), now);
        if (headerError != HeaderValidationError.None)
        {
            return new TransactionRejection(RejectCode.BadHeader, HeaderReason(headerError));
        }

        var rejection = CheckBlock(block, parent.Height + 1);
        if (rejection is not null)
        {
            return rejection;
        }

        entry = new BlockIndexEntry(block, parent, _sequence++);
        _index.Add(hash, entry);
        return null;
    }

    /// <summary>The checks that need no UTXO set: structure, merkle root, BIP34 height, witness commitment, weight.</summary>
    private static TransactionRejection? CheckBlock(Block block, int height)
    {
        var txs = block.Transactions;
        if (txs.Count == 0 || !txs[0].IsCoinbase)
        {
            return new TransactionRejection(RejectCode.MissingCoinbase);
        }

        for (var i = 1; i < txs.Count; i++)
        {
            if (txs[i].IsCoinbase)
            {
                return new TransactionRejection(RejectCode.MultipleCoinbases);
            }
        }

        if (block.ComputeMerkleRoot(out var mutated) != block.Header.MerkleRoot)
        {
            return new TransactionRejection(RejectCode.BadMerkleRoot);
        }

        if (mutated)
        {
            return new TransactionRejection(RejectCode.DuplicateTransactions);
        }

        if (block.Weight > Block.MaxSerializedSize)
        {
            return new TransactionRejection(RejectCode.BlockWeight);
        }

        foreach (var tx in txs)
        {
            var error = tx.CheckBasic();
            if (error != TransactionError.None)
            {
                return new TransactionRejection(MapBasicError(error), tx.GetTxId().ToString());
            }
        }

        if (block.GetBip34Height() != height)
        {
            return new TransactionRejection(RejectCode.BadCoinbaseHeight);
        }

        if (!block.CheckWitnessCommitment())
        {
            return new TransactionRejection(RejectCode.BadWitnessCommitment);
        }

        return null;
    }

    /// <summary>
    /// Moves to the valid chain with the most work (first seen wins ties), disconnecting and connecting blocks; a block that
    /// fails to connect is marked invalid and the search repeats. Afterwards the mempool is rebuilt against the new tip.
    /// </summary>
    private async Task<TipChange?> ActivateBestChainAsync(BlockIndexEntry oldTip, CancellationToken ct)
    {
        var returned = new List<(int Height, int Position, Transaction Tx)>();
        while (true)
        {
            var best = FindBestCandidate();
            if (best == Tip)
            {
                break;
            }

            var fork = FindFork(Tip, best);
            while (Tip != fork)
            {
                var disconnected = DisconnectTip();
                var txs = disconnected.Block.Transactions;
                for (var i = 1; i < txs.Count; i++)
                {
                    returned.Add((disconnected.Height, i, txs[i]));
                }
            }

            var path = new List<BlockIndexEntry>();
            for (var entry = best; entry != fork; entry = entry.Parent!)
            {
                path.Add(entry);
            }

            for (var i = path.Count - 1; i >= 0; i--)
            {
                var failure = ConnectTip(path[i]);
                if (failure is not null)
                {
                    path[i].Invalid = true;
                    path[i].Failure = failure;
                    break;
                }
            }
        }

        if (Tip == oldTip)
        {
            return null;
        }

        returned.Sort(static (a, b) => a.Height != b.Height ? a.Height.CompareTo(b.Height) : a.Position.CompareTo(b.Position));
        RebuildMempool([.. returned.Select(r => r.Tx)]);
        await WriteTipRecordAsync(ct).ConfigureAwait(false);
        await PersistMempoolAsync(ct).ConfigureAwait(false);

        var newTip = Tip;
        var forkPoint = FindFork(oldTip, newTip);
        var removed = new List<ChainTip>();
        for (var entry = oldTip; entry != forkPoint; entry = entry.Parent!)
        {
            removed.Add(entry.ToTip());
        }

        var added = new List<ChainTip>();
        for (var entry = newTip; entry != forkPoint; entry = entry.Parent!)
        {
            added.Add(entry.ToTip());
        }

        added.Reverse();
        return new TipChange(newTip.ToTip(), oldTip.ToTip(), forkPoint.ToTip(), removed, added);
    }

    private BlockIndexEntry FindBestCandidate()
    {
        // Ancestry walks only need to reach the lowest invalid block, so a chain without invalid blocks costs O(n).
        var lowestInvalid = int.MaxValue;
        foreach (var entry in _index.Values)
        {
            if (entry.Invalid)
            {
                lowestInvalid = Math.Min(lowestInvalid, entry.Height);
            }
        }

        BlockIndexEntry? best = null;
        foreach (var entry in _index.Values)
        {
            if (best is not null && !Beats(entry, best))
            {
                continue;
            }

            if (!entry.HasInvalidAncestry(lowestInvalid))
            {
                best = entry;
            }
        }

        return best!;
    }

    private bool Beats(BlockIndexEntry candidate, BlockIndexEntry best)
    {
        var cmp = candidate.ChainWork.CompareTo(best.ChainWork);
        if (cmp != 0)
        {
            return cmp > 0;
        }

        // Equal work: keep the current tip, then the tip recorded before a restart, then the first seen.
        if (best == Tip || candidate == Tip)
        {
            return candidate == Tip;
        }

        if (_preferredTip is { } preferred && (best.Hash == preferred || candidate.Hash == preferred))
        {
            return candidate.Hash == preferred;
        }

        return candidate.Sequence < best.Sequence;
    }

    private static BlockIndexEntry FindFork(BlockIndexEntry a, BlockIndexEntry b)
    {
        if (a.Height > b.Height)
        {
            a = a.GetAncestor(b.Height);
        }
        else if (b.Height > a.Height)
        {
            b = b.GetAncestor(a.Height);
        }

        while (a != b)
        {
            a = a.Parent!;
            b = b.Parent!;
        }

        return a;
    }

    /// <summary>Connects <paramref name="entry"/> (a child of the tip) with full validation; on failure the UTXO set is unchanged.</summary>
    private TransactionRejection? ConnectTip(BlockIndexEntry entry)
    {
        var parent = entry.Parent!;
        var height = entry.Height;
        var medianTimePast = new ChainAncestry(parent).GetMedianTimePast();
        var undo = new List<SpentCoin>();
        var added = new List<OutPoint>();
        var feeRates = new List<long>();
        long fees = 0;
        var txs = entry.Block.Transactions;
        TransactionRejection? failure = null;
        for (var i = 0; i < txs.Count && failure is null; i++)
        {
            var tx = txs[i];
            var txId = tx.GetTxId();
            if (!IsFinal(tx, height, medianTimePast))
            {
                failure = new TransactionRejection(RejectCode.BlockNonFinal, txId.ToString());
                break;
            }

            if (i > 0)
            {
                failure = SpendInputs(tx, height, undo, out var fee);
                if (failure is not null)
                {
                    break;
                }

                fees += fee;
                feeRates.Add(fee * 1000 / Math.Max(1, tx.VirtualSize));
            }

            for (var k = 0; k < tx.Outputs.Count; k++)
            {
                if (IsUnspendable(tx.Outputs[k].ScriptPubKey))
                {
                    continue;
                }

                var outPoint = new OutPoint(txId, (uint)k);
                if (!_utxos.TryAdd(outPoint, new UtxoEntry(tx.Outputs[k], height, tx.IsCoinbase)))
                {
                    failure = new TransactionRejection(RejectCode.Bip30, txId.ToString());
                    break;
                }

                added.Add(outPoint);
            }
        }

        if (failure is null)
        {
            long coinbaseValue = 0;
            foreach (var output in txs[0].Outputs)
            {
                coinbaseValue += output.Value;
            }

            if (coinbaseValue > GetBlockSubsidy(height) + fees)
            {
                failure = new TransactionRejection(RejectCode.BadCoinbaseAmount, $"{coinbaseValue} > {GetBlockSubsidy(height) + fees}");
            }
        }

        if (failure is not null)
        {
            // Restore every spent coin first, then drop every created one: outputs created and spent inside the block go too.
            foreach (var spent in undo)
            {
                _utxos[spent.OutPoint] = spent.Coin;
            }

            foreach (var outPoint in added)
            {
                _utxos.Remove(outPoint);
            }

            return failure;
        }

        entry.Undo = undo;
        entry.FeeRates = feeRates;
        _chain.Add(entry);
        for (var i = 0; i < txs.Count; i++)
        {
            _txIndex[txs[i].GetTxId()] = (entry, i);
        }

        return null;
    }

    /// <summary>Spends a block transaction's inputs from the UTXO set, checking maturity, amounts and signatures.</summary>
    private TransactionRejection? SpendInputs(Transaction tx, int height, List<SpentCoin> undo, out long fee)
    {
        fee = 0;
        var txId = tx.GetTxId().ToString();
        var spentOutputs = new TxOut[tx.Inputs.Count];
        long inputSum = 0;
        for (var j = 0; j < tx.Inputs.Count; j++)
        {
            var prevOut = tx.Inputs[j].PrevOut;
            if (!_utxos.Remove(prevOut, out var coin))
            {
                return new TransactionRejection(RejectCode.MissingOrSpentInputs, txId);
            }

            undo.Add(new SpentCoin(prevOut, coin));
            if (coin.IsCoinbase && height - coin.Height < CoinbaseMaturity)
            {
                return new TransactionRejection(RejectCode.PrematureCoinbaseSpend, $"tried to spend coinbase at depth {height - coin.Height}");
            }

            inputSum += coin.Output.Value;
            if (!Money.IsValidAmount(coin.Output.Value) || !Money.IsValidAmount(inputSum))
            {
                return new TransactionRejection(RejectCode.InputValuesOutOfRange, txId);
            }

            spentOutputs[j] = coin.Output;
        }

        var outputSum = SumOutputs(tx);
        if (inputSum < outputSum)
        {
            return new TransactionRejection(RejectCode.InputsBelowOutputs, $"value in ({inputSum}) < value out ({outputSum})");
        }

        var scriptFailure = VerifyScripts(tx, spentOutputs);
        if (scriptFailure is not null)
        {
            return scriptFailure;
        }

        fee = inputSum - outputSum;
        return null;
    }

    /// <summary>Verifies every input's signature; only the single-key templates <see cref="InputSigner"/> knows can be spent.</summary>
    private static TransactionRejection? VerifyScripts(Transaction tx, TxOut[] spentOutputs)
    {
        var precomputed = new PrecomputedTransactionData(tx, spentOutputs);
        for (var j = 0; j < tx.Inputs.Count; j++)
        {
            if (!IsVerifiableSpend(spentOutputs[j].ScriptPubKey))
            {
                return new TransactionRejection(RejectCode.NonStandardInputs, $"input {j}");
            }

            bool ok;
            string? error;
            try
            {
                ok = InputSigner.Verify(tx, j, spentOutputs[j], precomputed, out error);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                ok = false;
                error = ex.Message;
            }

            if (!ok)
            {
                return new TransactionRejection(RejectCode.ScriptVerifyFailed, $"input {j}: {error ?? "signature check failed"}");
            }
        }

        return null;
    }

    /// <summary>Disconnects the tip: created outputs leave the UTXO set and the spent coins return.</summary>
    private BlockIndexEntry DisconnectTip()
    {
        var entry = Tip;
        var txs = entry.Block.Transactions;
        foreach (var spent in entry.Undo!)
        {
            _utxos[spent.OutPoint] = spent.Coin;
        }

        foreach (var tx in txs)
        {
            var txId = tx.GetTxId();
            for (var k = 0; k < tx.Outputs.Count; k++)
            {
                _utxos.Remove(new OutPoint(txId, (uint)k));
            }

            if (_txIndex.TryGetValue(txId, out var location) && location.Block == entry)
            {
                _txIndex.Remove(txId);
            }
        }

        entry.Undo = null;
        entry.FeeRates = null;
        _chain.RemoveAt(_chain.Count - 1);
        return entry;
    }

    /// <summary>Regtest block subsidy: 50 BTC halving every 150 blocks.</summary>
    public static long GetBlockSubsidy(int height)
    {
        var halvings = height / SubsidyHalvingInterval;
        return halvings >= 64 ? 0 : (50 * Money.Coin) >> halvings;
    }

    private static bool IsFinal(Transaction tx, int height, long medianTimePast)
    {
        if (tx.LockTime == 0)
        {
            return true;
        }

        var limit = tx.LockTime < LockTimeThreshold ? height : medianTimePast;
        if (tx.LockTime < limit)
        {
            return true;
        }

        foreach (var input in tx.Inputs)
        {
            if (input.Sequence != TxIn.FinalSequence)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnspendable(byte[] scriptPubKey) =>
        (scriptPubKey.Length > 0 && scriptPubKey[0] == (byte)OpcodeType.OP_RETURN) || scriptPubKey.Length > 10_000;

    private static bool IsVerifiableSpend(byte[] scriptPubKey) => ScriptTemplates.Classify(scriptPubKey) is
        ScriptPubKeyType.PayToPubKeyHash or ScriptPubKeyType.PayToWitnessPubKeyHash or ScriptPubKeyType.PayToScriptHash or ScriptPubKeyType.PayToTaproot;

    private static long SumOutputs(Transaction tx)
    {
        long sum = 0;
        foreach (var output in tx.Outputs)
        {
            sum += output.Value; // CheckBasic already bounded every value and the total
        }

        return sum;
    }

    /// <summary>bitcoind's reject string for a header rule, carried as the detail of <see cref="RejectCode.BadHeader"/>.</summary>
    private static string HeaderReason(HeaderValidationError error) => error switch
    {
        HeaderValidationError.BadLink => "prev-blk-not-found",
        HeaderValidationError.BadProofOfWork => "high-hash",
        HeaderValidationError.BadDifficulty => "bad-diffbits",
        HeaderValidationError.TimeTooOld => "time-too-old",
        HeaderValidationError.TimeTooNew => "time-too-new",
        HeaderValidationError.TimeWarp => "time-timewarp-attack",
        HeaderValidationError.ObsoleteVersion => "bad-version",
        _ => error.ToString(),
    };

    private static RejectCode MapBasicError(TransactionError error) => error switch
    {
        TransactionError.NoInputs => RejectCode.NoInputs,
        TransactionError.NoOutputs => RejectCode.NoOutputs,
        TransactionError.Oversize => RejectCode.Oversize,
        TransactionError.NegativeOutput => RejectCode.NegativeOutput,
        TransactionError.OutputTooLarge => RejectCode.OutputTooLarge,
        TransactionError.OutputTotalTooLarge => RejectCode.OutputTotalTooLarge,
        TransactionError.DuplicateInputs => RejectCode.DuplicateInputs,
        TransactionError.BadCoinbaseLength => RejectCode.BadCoinbaseLength,
        TransactionError.NullPrevOut => RejectCode.NullPrevOut,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown transaction error."),
    };
}
