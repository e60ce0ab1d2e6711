using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

public sealed partial class RegtestNode
{
    /// <summary>bitcoind's MAX_STANDARD_TX_WEIGHT.</summary>
    private const int MaxStandardTxWeight = 400_000;

    /// <summary>bitcoind's MIN_STANDARD_TX_NONWITNESS_SIZE.</summary>
    private const int MinStandardTxNonWitnessSize = 65;

    /// <summary>
    /// bitcoind's AcceptToMemoryPool, in its order: context-free checks, standardness, finality, conflicts, inputs, maturity,
    /// amounts, the relay fee, then every signature. Unconfirmed parents in the mempool may be spent.
    /// </summary>
    private TransactionRejection? TryAcceptToMempool(Transaction tx, bool testOnly)
    {
        var basic = tx.CheckBasic();
        if (basic != TransactionError.None)
        {
            return new TransactionRejection(MapBasicError(basic));
        }

        if (tx.IsCoinbase)
        {
            return new TransactionRejection(RejectCode.Coinbase);
        }

        var standard = CheckStandard(tx);
        if (standard is not null)
        {
            return standard;
        }

        var tip = Tip;
        if (!IsFinal(tx, tip.Height + 1, new ChainAncestry(tip).GetMedianTimePast()))
        {
            return new TransactionRejection(RejectCode.NonFinal);
        }

        var txId = tx.GetTxId();
        if (_mempool.ContainsKey(txId))
        {
            return new TransactionRejection(RejectCode.AlreadyInMempool);
        }

        for (var k = 0; k < tx.Outputs.Count; k++)
        {
            if (_utxos.ContainsKey(new OutPoint(txId, (uint)k)))
            {
                return new TransactionRejection(RejectCode.AlreadyKnown);
            }
        }

        foreach (var input in tx.Inputs)
        {
            if (_mempoolSpends.TryGetValue(input.PrevOut, out var conflict))
            {
                return new TransactionRejection(RejectCode.MempoolConflict, $"conflicts with {conflict}");
            }
        }

        var spentOutputs = new TxOut[tx.Inputs.Count];
        long inputSum = 0;
        for (var j = 0; j < tx.Inputs.Count; j++)
        {
            var prevOut = tx.Inputs[j].PrevOut;
            TxOut output;
            if (_utxos.TryGetValue(prevOut, out var coin))
            {
                if (coin.IsCoinbase && tip.Height + 1 - coin.Height < CoinbaseMaturity)
                {
                    return new TransactionRejection(RejectCode.PrematureCoinbaseSpend, $"tried to spend coinbase at depth {tip.Height + 1 - coin.Height}");
                }

                output = coin.Output;
            }
            else if (_mempool.TryGetValue(prevOut.TxId, out var parent) && prevOut.Index < (uint)parent.Transaction.Outputs.Count
                && !IsUnspendable(parent.Transaction.Outputs[(int)prevOut.Index].ScriptPubKey))
            {
                output = parent.Transaction.Outputs[(int)prevOut.Index];
            }
            else
            {
                return new TransactionRejection(RejectCode.MissingOrSpentInputs);
            }

            if (!IsVerifiableSpend(output.ScriptPubKey))
            {
                return new TransactionRejection(RejectCode.NonStandardInputs);
            }

            inputSum += output.Value;
            if (!Money.IsValidAmount(output.Value) || !Money.IsValidAmount(inputSum))
            {
                return new TransactionRejection(RejectCode.InputValuesOutOfRange);
            }

            spentOutputs[j] = output;
        }

        var outputSum = SumOutputs(tx);
        if (inputSum < outputSum)
        {
            return new TransactionRejection(RejectCode.InputsBelowOutputs, $"value in ({inputSum}) < value out ({outputSum})");
        }

        var fee = inputSum - outputSum;
        var vsize = tx.VirtualSize;
        var minFee = _options.MinRelayFee.GetFee(vsize);
        if (fee < minFee)
        {
            return new TransactionRejection(RejectCode.MinRelayFeeNotMet, $"{fee} < {minFee}");
        }

        var scripts = VerifyScripts(tx, spentOutputs);
        if (scripts is not null)
        {
            return scripts;
        }

        if (!testOnly)
        {
            _mempool.Add(txId, new MempoolEntry(tx, txId, tx.ToBytes(), fee, vsize, _sequence++));
            _mempoolDirty = true;
            foreach (var input in tx.Inputs)
            {
                _mempoolSpends.Add(input.PrevOut, txId);
            }
        }

        return null;
    }

    /// <summary>bitcoind's IsStandardTx for the output types this node relays.</summary>
    private TransactionRejection? CheckStandard(Transaction tx)
    {
        if (tx.Version is < 1 or > 3)
        {
            return new TransactionRejection(RejectCode.Version);
        }

        if (tx.Weight > MaxStandardTxWeight)
        {
            return new TransactionRejection(RejectCode.TxSize);
        }

        if (tx.BaseSize < MinStandardTxNonWitnessSize)
        {
            return new TransactionRejection(RejectCode.TxSizeSmall);
        }

        foreach (var input in tx.Inputs)
        {
            if (!Script.IsPushOnlyScript(input.ScriptSig))
            {
                return new TransactionRejection(RejectCode.ScriptSigNotPushOnly);
            }
        }

        var nullData = 0;
        foreach (var output in tx.Outputs)
        {
            switch (ScriptTemplates.Classify(output.ScriptPubKey))
            {
                case ScriptPubKeyType.NullData:
                    if (output.ScriptPubKey.Length > ScriptTemplates.MaxStandardNullDataScriptSize)
                    {
                        return new TransactionRejection(RejectCode.NonStandardOutput);
                    }

                    nullData++;
                    break;
                case ScriptPubKeyType.PayToPubKeyHash:
                case ScriptPubKeyType.PayToScriptHash:
                case ScriptPubKeyType.PayToWitnessPubKeyHash:
                case ScriptPubKeyType.PayToTaproot:
                    if (DustPolicy.IsDust(output, _options.DustRelayFeePerKilovbyte))
                    {
                        return new TransactionRejection(RejectCode.Dust);
                    }

                    break;
                default:
                    return new TransactionRejection(RejectCode.NonStandardOutput);
            }
        }

        return nullData > 1 ? new TransactionRejection(RejectCode.MultipleOpReturn) : null;
    }

    /// <summary>
    /// Re-admits, against the new tip, the transactions of disconnected blocks (in chain order) and then the old mempool
    /// (in arrival order); whatever no longer passes — confirmed, conflicting, immature — is dropped.
    /// </summary>
    private void RebuildMempool(IReadOnlyList<Transaction> returned)
    {
        var previous = _mempool.Values.OrderBy(static e => e.Sequence).Select(static e => e.Transaction).ToList();
        _mempoolDirty |= previous.Count > 0;
        _mempool.Clear();
        _mempoolSpends.Clear();
        foreach (var tx in returned.Concat(previous))
        {
            if (!_txIndex.ContainsKey(tx.GetTxId()))
            {
                TryAcceptToMempool(tx, testOnly: false);
            }
        }
    }

    /// <summary>
    /// Fee rate for a confirmation target from the fee rates of the last blocks' transactions: a high percentile for the
    /// next block, lower ones for patient targets; the min relay fee when there is no data.
    /// </summary>
    private FeeRate EstimateFee(int confirmationTarget)
    {
        var rates = new List<long>();
        for (var i = _chain.Count - 1; i > 0 && i >= _chain.Count - _options.FeeEstimationWindow; i--)
        {
            rates.AddRange(_chain[i].FeeRates ?? []);
        }

        var floor = _options.MinRelayFee.SatoshisPerKilovbyte;
        if (rates.Count == 0)
        {
            return _options.MinRelayFee;
        }

        rates.Sort();
        var percentile = confirmationTarget switch
        {
            1 => 0.90,
            <= 3 => 0.75,
            <= 6 => 0.50,
            <= 12 => 0.25,
            _ => 0.10,
        };
        var index = (int)Math.Ceiling(percentile * rates.Count) - 1;
        return FeeRate.FromSatoshisPerKilovbyte(Math.Max(floor, rates[Math.Clamp(index, 0, rates.Count - 1)]));
    }
}
