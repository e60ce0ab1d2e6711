using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Building;

/// <summary>
/// Builds and signs simple spends: the given coins (all of them) pay the given outputs, the rest less the fee goes to a change
/// script unless that change would be dust. Supports P2PKH, P2WPKH, P2SH-P2WPKH and P2TR key-path coins.
/// </summary>
public sealed class TransactionBuilder
{
    private const int MaxSigningRounds = 8;

    private readonly List<(Coin Coin, PrivateKey Key)> _coins = [];
    private readonly List<TxOut> _outputs = [];
    private byte[]? _changeScript;
    private int _changePosition = -1;
    private FeeRate _feeRate = FeeRate.FromSatoshisPerVbyte(1);
    private FeeMode _feeMode = FeeMode.ActualSize;
    private int _version = 2;
    private uint _lockTime;
    private uint _sequence = TxIn.FinalSequence;
    private long _dustRelayFeePerKilovbyte = DustPolicy.DefaultDustRelayFeePerKilovbyte;
    private SigHashType _hashType = SigHashType.Default;

    /// <summary>Adds a coin to spend and the key that signs for it.</summary>
    public TransactionBuilder AddCoin(Coin coin, PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(coin);
        ArgumentNullException.ThrowIfNull(key);
        TransactionSizeEstimator.InputWeight(coin.Output.ScriptPubKey); // rejects unsupported types now rather than at Build
        _coins.Add((coin, key));
        return this;
    }

    /// <summary>Adds a payment output.</summary>
    public TransactionBuilder AddOutput(TxOut output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Money.IsValidAmount(output.Value))
        {
            throw new ArgumentOutOfRangeException(nameof(output), "Output value out of range.");
        }

        _outputs.Add(output);
        return this;
    }

    /// <summary>Adds a payment output.</summary>
    public TransactionBuilder AddOutput(byte[] scriptPubKey, long value) => AddOutput(new TxOut(value, scriptPubKey));

    /// <summary>Where leftover value goes; <paramref name="position"/> is its index among the outputs (-1 = last).</summary>
    public TransactionBuilder SetChange(byte[] changeScript, int position = -1)
    {
        ArgumentNullException.ThrowIfNull(changeScript);
        ArgumentOutOfRangeException.ThrowIfLessThan(position, -1);
        _changeScript = changeScript;
        _changePosition = position;
        return this;
    }

    /// <summary>The fee rate.</summary>
    public TransactionBuilder SetFeeRate(FeeRate feeRate)
    {
        _feeRate = feeRate;
        return this;
    }

    /// <summary>Whether the fee follows the signed size or the fixed estimate.</summary>
    public TransactionBuilder SetFeeMode(FeeMode mode)
    {
        _feeMode = mode;
        return this;
    }

    /// <summary>Transaction version (default 2).</summary>
    public TransactionBuilder SetVersion(int version)
    {
        _version = version;
        return this;
    }

    /// <summary>Lock time (default 0). It only binds when some input's sequence is below 0xffffffff.</summary>
    public TransactionBuilder SetLockTime(uint lockTime)
    {
        _lockTime = lockTime;
        return this;
    }

    /// <summary>Sequence for every input (default 0xffffffff).</summary>
    public TransactionBuilder SetSequence(uint sequence)
    {
        _sequence = sequence;
        return this;
    }

    /// <summary>Dust relay fee used to decide whether change is worth an output (default 3000 sat/kvB).</summary>
    public TransactionBuilder SetDustRelayFee(long satoshisPerKilovbyte)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(satoshisPerKilovbyte);
        _dustRelayFeePerKilovbyte = satoshisPerKilovbyte;
        return this;
    }

    /// <summary>Signature hash type for every input (default: SIGHASH_DEFAULT for taproot inputs, SIGHASH_ALL for ECDSA inputs).</summary>
    public TransactionBuilder SetSigHashType(SigHashType hashType)
    {
        _hashType = hashType;
        return this;
    }

    /// <summary>Builds and signs; throws <see cref="InsufficientFundsException"/> when the coins cannot pay outputs plus fee.</summary>
    public TransactionBuildResult Build()
    {
        if (_coins.Count == 0)
        {
            throw new InvalidOperationException("No coins to spend.");
        }

        if (_outputs.Count == 0 && _changeScript is null)
        {
            throw new InvalidOperationException("No outputs and no change script.");
        }

        long available = 0;
        foreach (var (coin, _) in _coins)
        {
            available = checked(available + coin.Amount);
        }

        long paid = 0;
        foreach (var output in _outputs)
        {
            paid = checked(paid + output.Value);
        }

        var spentScripts = _coins.Select(c => c.Coin.Output.ScriptPubKey).ToArray();
        var spentOutputs = _coins.Select(c => c.Coin.Output).ToArray();
        var keys = _coins.Select(c => c.Key).ToArray();

        // First try with change; fall back to no change when the change would be dust (or negative).
        if (_changeScript is not null)
        {
            int estimateWithChange = TransactionSizeEstimator.EstimateVirtualSize(spentScripts, _outputs.Select(o => o.ScriptPubKey).Append(_changeScript));
            long fee = _feeRate.GetFee(estimateWithChange);
            long change = available - paid - fee;
            if (change >= DustPolicy.GetDustThreshold(_changeScript, _dustRelayFeePerKilovbyte) && change > 0)
            {
                int changeIndex = _changePosition < 0 || _changePosition > _outputs.Count ? _outputs.Count : _changePosition;
                TransactionBuildResult? best = null;
                for (int round = 0; round < MaxSigningRounds; round++)
                {
                    var signed = Sign(spentOutputs, keys, WithChange(changeIndex, change));
                    if (_feeMode == FeeMode.EstimatedSize)
                    {
                        return new TransactionBuildResult(signed, fee, signed.VirtualSize, estimateWithChange, changeIndex);
                    }

                    // ECDSA signatures vary by a byte, so the signed size moves a little with every re-signing: settle on the
                    // smallest fee that still covers the size it was signed at.
                    long needed = _feeRate.GetFee(signed.VirtualSize);
                    if (needed <= fee)
                    {
                        var candidate = new TransactionBuildResult(signed, fee, signed.VirtualSize, estimateWithChange, changeIndex);
                        if (best is null || candidate.Fee < best.Fee)
                        {
                            best = candidate;
                        }

                        if (needed == fee)
                        {
                            return candidate;
                        }
                    }

                    fee = needed;
                    change = available - paid - fee;
                    if (change < DustPolicy.GetDustThreshold(_changeScript, _dustRelayFeePerKilovbyte) || change <= 0)
                    {
                        break;
                    }
                }

                if (best is not null)
                {
                    return best;
                }
            }
        }

        int estimate = TransactionSizeEstimator.EstimateVirtualSize(spentScripts, _outputs.Select(o => o.ScriptPubKey));
        long required = checked(paid + _feeRate.GetFee(estimate));
        if (available < required)
        {
            throw new InsufficientFundsException(available, required);
        }

        var noChange = Sign(spentOutputs, keys, _outputs);
        if (_feeMode == FeeMode.ActualSize && available < paid + _feeRate.GetFee(noChange.VirtualSize))
        {
            throw new InsufficientFundsException(available, paid + _feeRate.GetFee(noChange.VirtualSize));
        }

        return new TransactionBuildResult(noChange, available - paid, noChange.VirtualSize, estimate, -1);
    }

    private List<TxOut> WithChange(int changeIndex, long change)
    {
        var outputs = new List<TxOut>(_outputs);
        outputs.Insert(changeIndex, new TxOut(change, _changeScript!));
        return outputs;
    }

    private Transaction Sign(TxOut[] spentOutputs, PrivateKey[] keys, IReadOnlyList<TxOut> outputs)
    {
        var inputs = _coins.Select(c => new TxIn(c.Coin.OutPoint, [], _sequence)).ToArray();
        var unsigned = new Transaction(_version, inputs, outputs, _lockTime);
        return TransactionSigner.Sign(unsigned, spentOutputs, keys, _hashType);
    }
}
