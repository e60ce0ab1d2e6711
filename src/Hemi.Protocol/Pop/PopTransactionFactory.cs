using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Scripts;
using Hemi.Crypto.Secp256k1;
using Hemi.Protocol.Keystones;

namespace Hemi.Protocol.Pop;

/// <summary>
/// Builds a PoP transaction the way popm v2 does (<c>PoPTransactionCreate</c>): one P2PKH input (the first UTXO
/// worth at least the fee), outputs <c>[change, OP_RETURN HEMI‖keystone]</c> with the change dropped when it is dust,
/// version 2, locktime = the Bitcoin tip, SIGHASH_ALL, and a fee of floor(284 vB × rate) from the fixed size estimate.
/// </summary>
public static class PopTransactionFactory
{
    /// <summary>popm's size estimate: 10 + 148 (P2PKH in) + 92 (83-byte OP_RETURN out) + 34 (P2PKH change) vB.</summary>
    public const int EstimatedVirtualSize = 284;

    /// <summary>
    /// The dust rule popm inherits from btcd's <c>IsDust</c> at 1000 sat/kvB, which multiplies by three internally: the same
    /// threshold as Bitcoin Core's 3000 sat/kvB dust relay fee (546 sat for a P2PKH change).
    /// </summary>
    public const long DustRelayFeePerKilovbyte = DustPolicy.DefaultDustRelayFeePerKilovbyte;

    /// <summary>The P2PKH script of the miner's compressed key: where its UTXOs and change live.</summary>
    public static byte[] MinerScript(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ScriptTemplates.PayToPubKeyHashOfKey(key.ToCompressed());
    }

    /// <summary>The fee a PoP transaction pays at <paramref name="rate"/>.</summary>
    public static long FeeFor(FeeRate rate) => rate.GetFee(EstimatedVirtualSize);

    /// <summary>Builds and signs the PoP transaction for <paramref name="keystone"/>.</summary>
    /// <param name="key">The miner's key; the reward goes to its Ethereum address.</param>
    /// <param name="keystone">The keystone to publish.</param>
    /// <param name="utxos">Spendable outputs of <see cref="MinerScript"/>, in the order the source listed them.</param>
    /// <param name="rate">Fee rate (static, or the 6-block estimate).</param>
    /// <param name="tipHeight">Bitcoin tip height, used as the locktime.</param>
    /// <param name="maxRate">The cap; null or zero disables it.</param>
    /// <exception cref="PopFeeTooHighException">The rate is above the cap.</exception>
    /// <exception cref="InsufficientFundsException">No single UTXO covers the fee.</exception>
    public static TransactionBuildResult Create(
        PrivateKey key,
        L2KeystoneAbrev keystone,
        IReadOnlyList<Coin> utxos,
        FeeRate rate,
        uint tipHeight,
        FeeRate? maxRate = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(keystone);
        ArgumentNullException.ThrowIfNull(utxos);
        if (maxRate is { SatoshisPerKilovbyte: > 0 } cap && rate.SatoshisPerKilovbyte > cap.SatoshisPerKilovbyte)
        {
            throw new PopFeeTooHighException(rate, cap);
        }

        var script = MinerScript(key.PublicKey);
        var fee = FeeFor(rate);
        Coin? chosen = null;
        long largest = 0;
        foreach (var utxo in utxos)
        {
            if (!utxo.Output.ScriptPubKey.AsSpan().SequenceEqual(script))
            {
                continue;
            }

            largest = Math.Max(largest, utxo.Amount);
            if (utxo.Amount >= fee)
            {
                chosen = utxo;
                break;
            }
        }

        if (chosen is null)
        {
            throw new InsufficientFundsException(largest, fee);
        }

        return new TransactionBuilder()
            .AddCoin(chosen, key)
            .AddOutput(PopPayload.CreateScript(keystone), 0)
            .SetChange(script, position: 0)
            .SetFeeRate(rate)
            .SetFeeMode(FeeMode.EstimatedSize)
            .SetDustRelayFee(DustRelayFeePerKilovbyte)
            .SetVersion(2)
            .SetLockTime(tipHeight)
            .Build();
    }
}
