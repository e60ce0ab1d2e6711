using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

public sealed partial class RegtestNode
{
    /// <summary>Version bits top bits with no deployment signalled.</summary>
    private const int BlockVersion = 0x20000000;

    /// <summary>Weight kept free for the coinbase when filling a block.</summary>
    private const int CoinbaseWeightReserve = 4_000;

    private static readonly byte[] s_witnessCommitmentHeader = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    /// <summary>
    /// Mines <paramref name="count"/> blocks on the tip paying <paramref name="scriptPubKey"/> (bitcoind's generatetoaddress):
    /// each takes the mempool by fee rate, at a timestamp above the median time past. Returns the new block hashes.
    /// </summary>
    public async Task<IReadOnlyList<Hash256>> GenerateToAddressAsync(int count, byte[] scriptPubKey, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        var hashes = new List<Hash256>(count);
        for (var i = 0; i < count; i++)
        {
            TipChange? change;
            using (await LockAsync(ct).ConfigureAwait(false))
            {
                var oldTip = Tip;
                var block = BuildBlock(scriptPubKey);
                var rejection = AddBlockToIndex(block, out var entry);
                if (rejection is not null)
                {
                    throw new InvalidOperationException($"The node rejected its own block: {rejection}.");
                }

                await PersistBlockAsync(entry!, ct).ConfigureAwait(false);
                change = await ActivateBestChainAsync(oldTip, ct).ConfigureAwait(false);
                if (Tip != entry)
                {
                    throw new InvalidOperationException($"The node's own block did not become the tip: {entry!.Failure}.");
                }

                hashes.Add(entry.Hash);
            }

            Publish(change);
        }

        return hashes;
    }

    /// <summary>Mines to an address of this network (P2PKH, P2SH, P2WPKH, P2WSH or P2TR).</summary>
    public Task<IReadOnlyList<Hash256>> GenerateToAddressAsync(int count, string address, CancellationToken ct = default) =>
        GenerateToAddressAsync(count, BitcoinAddress.Parse(address, Network), ct);

    /// <summary>Builds and grinds the next block on the tip; retries with a new extra nonce if the result is already known.</summary>
    private Block BuildBlock(byte[] scriptPubKey)
    {
        var parent = Tip;
        var height = parent.Height + 1;
        var txs = SelectTransactions(out var fees);
        var time = NextBlockTime(parent);
        var hasWitness = txs.Any(static t => t.HasWitness);
        for (var extraNonce = 0L; ; extraNonce++)
        {
            var coinbase = BuildCoinbase(height, extraNonce, scriptPubKey, GetBlockSubsidy(height) + fees, hasWitness ? txs : null);
            var all = new List<Transaction>(txs.Count + 1) { coinbase };
            all.AddRange(txs);
            var merkleRoot = new Block(Network.GenesisHeader, all).ComputeMerkleRoot();
            var header = new BlockHeader(BlockVersion, parent.Hash, merkleRoot, time, Network.PowLimitBits, 0);
            var nonce = 0u;
            while (!Target.CheckProofOfWork(header.GetHash(), header.Bits, Network))
            {
                header = header.WithNonce(++nonce);
            }

            var block = new Block(header, all);
            if (!_index.ContainsKey(block.GetHash()))
            {
                return block;
            }
        }
    }

    /// <summary>Strictly after the parent (hence above the median time past), else the clock.</summary>
    private uint NextBlockTime(BlockIndexEntry parent)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var floor = Math.Max((long)parent.Header.Time + 1, (long)new ChainAncestry(parent).GetMedianTimePast() + 1);
        return (uint)Math.Clamp(Math.Max(now, floor), 0, uint.MaxValue);
    }

    /// <summary>
    /// Mempool transactions by fee rate, each only once its inputs exist (in the UTXO set or earlier in the block),
    /// within the block weight limit.
    /// </summary>
    private List<Transaction> SelectTransactions(out long fees)
    {
        fees = 0;
        var pending = _mempool.Values.OrderByDescending(static e => e.FeeRate).ThenBy(static e => e.Sequence).ToList();
        var selected = new List<Transaction>();
        var created = new HashSet<OutPoint>();
        var spent = new HashSet<OutPoint>();
        var weight = CoinbaseWeightReserve + 80 * 4;
        var progress = true;
        while (progress && pending.Count > 0)
        {
            progress = false;
            for (var i = 0; i < pending.Count; i++)
            {
                var entry = pending[i];
                var tx = entry.Transaction;
                var ready = tx.Inputs.All(input => !spent.Contains(input.PrevOut)
                    && (_utxos.ContainsKey(input.PrevOut) || created.Contains(input.PrevOut)));
                if (!ready || weight + tx.Weight > Transaction.MaxBlockWeight)
                {
                    continue;
                }

                selected.Add(tx);
                weight += tx.Weight;
                fees += entry.Fee;
                foreach (var input in tx.Inputs)
                {
                    spent.Add(input.PrevOut);
                }

                for (var k = 0; k < tx.Outputs.Count; k++)
                {
                    created.Add(new OutPoint(entry.TxId, (uint)k));
                }

                pending.RemoveAt(i--);
                progress = true;
            }
        }

        return selected;
    }

    /// <summary>
    /// The coinbase: BIP34 height and an extra nonce in the scriptSig, the reward, and — when <paramref name="witnessTxs"/>
    /// is given — the BIP141 commitment with a zero witness reserved value.
    /// </summary>
    private static Transaction BuildCoinbase(int height, long extraNonce, byte[] scriptPubKey, long reward, List<Transaction>? witnessTxs)
    {
        var scriptSig = new ScriptBuilder().Push(height).Push(extraNonce).ToArray();
        var outputs = new List<TxOut> { new(reward, scriptPubKey) };
        if (witnessTxs is null)
        {
            return new Transaction(2, [new TxIn(OutPoint.Null, scriptSig, TxIn.FinalSequence)], outputs, 0);
        }

        var reserved = new byte[32];
        var placeholder = new Transaction(2, [new TxIn(OutPoint.Null, scriptSig, TxIn.FinalSequence)], outputs, 0);
        var witnessRoot = new Block(Network.Regtest.GenesisHeader, [placeholder, .. witnessTxs]).ComputeWitnessMerkleRoot();
        Span<byte> preimage = stackalloc byte[64];
        witnessRoot.WriteInternal(preimage);
        reserved.CopyTo(preimage[32..]);
        var commitment = Hash256.DoubleSha256(preimage);
        var commitmentScript = new byte[38];
        s_witnessCommitmentHeader.CopyTo(commitmentScript, 0);
        commitment.WriteInternal(commitmentScript.AsSpan(6));
        outputs.Add(new TxOut(0, commitmentScript));
        return new Transaction(2, [new TxIn(OutPoint.Null, scriptSig, TxIn.FinalSequence, [reserved])], outputs, 0);
    }

    private void OnMiningTimer()
    {
        _ = MineOnTimerAsync();
    }

    private async Task MineOnTimerAsync()
    {
        try
        {
            await GenerateToAddressAsync(1, _options.TimerMiningScriptPubKey!).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The node was disposed between the timer firing and the block being built: nothing to mine any more.
        }
    }
}
