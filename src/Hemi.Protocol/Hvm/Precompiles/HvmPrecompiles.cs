using System.Buffers;
using System.Buffers.Binary;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Transactions;
using Hemi.Ethereum;

namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>
/// The phase-0 hVM precompiles 0x40–0x46 (hemi-protocol.md §4.3), answered from an <see cref="IBitcoinView"/>.
/// Txids in inputs and hashes in outputs are in display order; integers are big-endian; gas is fixed per precompile
/// and charged whatever the outcome.
/// </summary>
/// <remarks>
/// Failure semantics follow hVM: malformed input or missing data gives <b>empty output</b> (status
/// <see cref="HvmPrecompileStatus.InvalidInput"/>/<see cref="HvmPrecompileStatus.NotFound"/>, with a reason for
/// diagnostics), not a revert. Only a missing or incapable view (<see cref="HvmPrecompileStatus.BitcoinViewUnavailable"/>)
/// makes the call fail, because then the node, not the caller, is at fault.
/// Which data each needs: 0x44/0x45 headers only (served by <see cref="HvmStateBitcoinView"/> from the world state);
/// 0x40/0x41 the UTXO index; 0x42/0x43 the transaction index (and 0x42's spent flag the UTXO index); 0x46 only the
/// view's network.
/// Deliberate choices where upstream is loose: 0x44 rejects any input (the spec says none); a coinbase input's value is 0
/// (upstream fails the whole call looking up the null outpoint); the 0x42 spent flag is 1 for a spent output (upstream's
/// phase-0 code writes the "available to spend" answer, i.e. the inverse).
/// </remarks>
public static class HvmPrecompiles
{
    public const ulong BtcBalAddrGas = 50_000;
    public const ulong BtcUtxosAddrListGas = 100_000;
    public const ulong BtcTxByTxidGas = 25_000;
    public const ulong BtcTxConfirmationsGas = 5_000;
    public const ulong BtcLastHeaderGas = 5_000;
    public const ulong BtcHeaderNGas = 6_000;
    public const ulong BtcAddrToScriptGas = 25_000;

    // Scripts longer than this can never be spent (Bitcoin's MAX_SCRIPT_SIZE), like OP_RETURN outputs.
    private const int MaxSpendableScriptSize = 10_000;

    /// <summary>All seven, in address order.</summary>
    public static IReadOnlyList<HvmPrecompile> All { get; } = Enum.GetValues<HvmPrecompile>();

    /// <summary>The precompile's address 0x00…00XX.</summary>
    public static Address AddressOf(HvmPrecompile precompile)
    {
        Span<byte> bytes = stackalloc byte[Address.Length];
        bytes[^1] = (byte)precompile;
        return new Address(bytes);
    }

    /// <summary>Whether <paramref name="address"/> is one of 0x40–0x46.</summary>
    public static bool TryGet(Address address, out HvmPrecompile precompile)
    {
        var bytes = address.AsSpan();
        precompile = default;
        if (bytes[..^1].IndexOfAnyExcept((byte)0) >= 0 || bytes[^1] < (byte)HvmPrecompile.BtcBalAddr || bytes[^1] > (byte)HvmPrecompile.BtcAddrToScript)
        {
            return false;
        }

        precompile = (HvmPrecompile)bytes[^1];
        return true;
    }

    /// <summary>The fixed gas of <paramref name="precompile"/>.</summary>
    public static ulong GasOf(HvmPrecompile precompile) => precompile switch
    {
        HvmPrecompile.BtcBalAddr => BtcBalAddrGas,
        HvmPrecompile.BtcUtxosAddrList => BtcUtxosAddrListGas,
        HvmPrecompile.BtcTxByTxid => BtcTxByTxidGas,
        HvmPrecompile.BtcTxConfirmations => BtcTxConfirmationsGas,
        HvmPrecompile.BtcLastHeader => BtcLastHeaderGas,
        HvmPrecompile.BtcHeaderN => BtcHeaderNGas,
        HvmPrecompile.BtcAddrToScript => BtcAddrToScriptGas,
        _ => throw new ArgumentOutOfRangeException(nameof(precompile), $"0x{(byte)precompile:x2} is not an hVM precompile."),
    };

    /// <summary>Runs <paramref name="precompile"/> on <paramref name="input"/> against <paramref name="view"/>. Never throws for bad input.</summary>
    public static HvmPrecompileResult Run(HvmPrecompile precompile, ReadOnlySpan<byte> input, IBitcoinView? view)
    {
        var gas = GasOf(precompile);
        if (view is null)
        {
            return new HvmPrecompileResult(precompile, HvmPrecompileStatus.BitcoinViewUnavailable, [], gas,
                $"hVM precompile 0x{(byte)precompile:x2} ({precompile}) needs a Bitcoin view and none is configured");
        }

        try
        {
            var output = precompile switch
            {
                HvmPrecompile.BtcBalAddr => BalanceOfAddress(input, view),
                HvmPrecompile.BtcUtxosAddrList => UtxosOfAddress(input, view),
                HvmPrecompile.BtcTxByTxid => TransactionById(input, view),
                HvmPrecompile.BtcTxConfirmations => Confirmations(input, view),
                HvmPrecompile.BtcLastHeader => LastHeader(input, view),
                HvmPrecompile.BtcHeaderN => HeaderAtHeight(input, view),
                HvmPrecompile.BtcAddrToScript => ScriptOfAddress(input, view),
                _ => throw new ArgumentOutOfRangeException(nameof(precompile)),
            };
            return new HvmPrecompileResult(precompile, HvmPrecompileStatus.Success, output, gas, null);
        }
        catch (HvmFormatException e)
        {
            return new HvmPrecompileResult(precompile, HvmPrecompileStatus.InvalidInput, [], gas, $"{precompile}: {e.Message}");
        }
        catch (NotFoundException e)
        {
            return new HvmPrecompileResult(precompile, HvmPrecompileStatus.NotFound, [], gas, $"{precompile}: {e.Message}");
        }
        catch (BitcoinViewUnavailableException e)
        {
            return new HvmPrecompileResult(precompile, HvmPrecompileStatus.BitcoinViewUnavailable, [], gas, $"{precompile}: {e.Message}");
        }
    }

    private static byte[] BalanceOfAddress(ReadOnlySpan<byte> input, IBitcoinView view)
    {
        var script = DecodeAddress(BitcoinAddressText.Read(input), view);
        var output = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(output, view.GetBalance(script));
        return output;
    }

    private static byte[] UtxosOfAddress(ReadOnlySpan<byte> input, IBitcoinView view)
    {
        var query = BitcoinUtxoQuery.Decode(input);
        var script = DecodeAddress(query.Address, view);
        var utxos = view.GetUtxos(script, query.Skip, query.EffectivePageSize) ?? [];
        // A misbehaving view must not make the output lie about its count.
        return BitcoinUtxo.EncodeList(utxos.Take(query.EffectivePageSize).ToArray());
    }

    private static byte[] ScriptOfAddress(ReadOnlySpan<byte> input, IBitcoinView view) =>
        DecodeAddress(BitcoinAddressText.Read(input), view);

    private static byte[] Confirmations(ReadOnlySpan<byte> input, IBitcoinView view)
    {
        if (input.Length != Hash256.Size)
        {
            throw new HvmFormatException($"btcTxConfirmations takes a 32-byte txid, got {input.Length} bytes.");
        }

        var txId = Hash256.FromDisplay(input);
        var record = view.GetTransaction(txId) ?? throw new NotFoundException($"transaction {txId} is not in hVM's index");
        var best = view.GetBestHeader() ?? throw new NotFoundException("hVM knows no Bitcoin header yet");
        if (record.BlockHeight > best.Height)
        {
            throw new NotFoundException($"transaction {txId} is in block {record.BlockHeight}, above hVM's tip {best.Height}");
        }

        var output = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(output, best.Height - record.BlockHeight + 1);
        return output;
    }

    private static byte[] LastHeader(ReadOnlySpan<byte> input, IBitcoinView view)
    {
        if (!input.IsEmpty)
        {
            throw new HvmFormatException($"btcLastHeader takes no input, got {input.Length} bytes.");
        }

        return (view.GetBestHeader() ?? throw new NotFoundException("hVM knows no Bitcoin header yet")).Encode();
    }

    private static byte[] HeaderAtHeight(ReadOnlySpan<byte> input, IBitcoinView view)
    {
        if (input.Length != 4)
        {
            throw new HvmFormatException($"btcHeaderN takes a 4-byte height, got {input.Length} bytes.");
        }

        var height = BinaryPrimitives.ReadUInt32BigEndian(input);
        return (view.GetHeaderByHeight(height) ?? throw new NotFoundException($"no canonical header at height {height}")).Encode();
    }

    private static byte[] TransactionById(ReadOnlySpan<byte> input, IBitcoinView view)
    {
        var query = BitcoinTxQuery.Decode(input);
        var flags = query.Flags;
        var record = view.GetTransaction(query.TxId) ?? throw new NotFoundException($"transaction {query.TxId} is not in hVM's index");
        var tx = record.Transaction;
        var output = new ArrayBufferWriter<byte>(256);
        if (flags.ContainingBlock)
        {
            output.Write(record.BlockHash.ToDisplayBytes());
        }

        if (flags.Version)
        {
            WriteUInt32(output, unchecked((uint)tx.Version));
        }

        if (flags.Sizes)
        {
            WriteUInt32(output, (uint)tx.TotalSize);
            WriteUInt32(output, (uint)tx.BaseSize);
        }

        if (flags.LockTime)
        {
            WriteUInt32(output, tx.LockTime);
        }

        if (flags.Inputs)
        {
            WriteUInt16(output, Saturate16(tx.Inputs.Count));
            foreach (var txIn in tx.Inputs.Take(flags.MaxInputs))
            {
                WriteUInt64(output, InputValue(txIn, view));
                if (flags.InputSource)
                {
                    output.Write(txIn.PrevOut.TxId.ToDisplayBytes());
                    WriteUInt16(output, Saturate16(txIn.PrevOut.Index));
                }

                if (flags.InputScriptSig)
                {
                    WriteTruncated(output, txIn.ScriptSig, flags.MaxInputScriptSigSize);
                }

                if (flags.InputSequence)
                {
                    WriteUInt32(output, txIn.Sequence);
                }
            }
        }

        if (flags.Outputs)
        {
            var listed = 0;
            var count = tx.Outputs.Count(o => flags.UnspendableOutputs || !IsUnspendable(o.ScriptPubKey));
            WriteUInt16(output, Saturate16(count));
            for (var index = 0; index < tx.Outputs.Count && listed < flags.MaxOutputs; index++)
            {
                var txOut = tx.Outputs[index];
                if (!flags.UnspendableOutputs && IsUnspendable(txOut.ScriptPubKey))
                {
                    continue;
                }

                WriteUInt64(output, unchecked((ulong)txOut.Value));
                if (flags.OutputScript)
                {
                    WriteTruncated(output, txOut.ScriptPubKey, flags.MaxOutputScriptSize);
                }

                if (flags.OutputSpent)
                {
                    output.Write([view.IsUnspent(new OutPoint(query.TxId, (uint)index)) ? (byte)0 : (byte)1]);
                }

                listed++;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private static ulong InputValue(TxIn txIn, IBitcoinView view)
    {
        if (txIn.PrevOut.IsNull)
        {
            return 0;
        }

        var source = view.GetTransaction(txIn.PrevOut.TxId)
            ?? throw new NotFoundException($"the source transaction {txIn.PrevOut.TxId} of an input is not in hVM's index");
        if (txIn.PrevOut.Index >= source.Transaction.Outputs.Count)
        {
            throw new NotFoundException($"{txIn.PrevOut} does not exist");
        }

        return unchecked((ulong)source.Transaction.Outputs[(int)txIn.PrevOut.Index].Value);
    }

    private static byte[] DecodeAddress(string address, IBitcoinView view)
    {
        try
        {
            return BitcoinAddress.Parse(address, view.Network);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new HvmFormatException($"'{address}' is not a {view.Network.Name} address: {e.Message}", e);
        }
    }

    private static bool IsUnspendable(byte[] script) =>
        script.Length > MaxSpendableScriptSize || (script.Length > 0 && script[0] == (byte)Hemi.Bitcoin.Scripts.OpcodeType.OP_RETURN);

    private static ushort Saturate16(long value) => (ushort)Math.Min(value, ushort.MaxValue);

    // The full length (saturated) tells the caller whether the bytes that follow were cut.
    private static void WriteTruncated(ArrayBufferWriter<byte> output, byte[] bytes, int max)
    {
        WriteUInt16(output, Saturate16(bytes.Length));
        output.Write(bytes.AsSpan(0, Math.Min(bytes.Length, max)));
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    private static void WriteUInt64(ArrayBufferWriter<byte> output, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    private sealed class NotFoundException(string message) : Exception(message);
}
