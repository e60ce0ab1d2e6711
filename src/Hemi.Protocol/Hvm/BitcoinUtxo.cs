using System.Buffers.Binary;
using Hemi.Bitcoin;

namespace Hemi.Protocol.Hvm;

/// <summary>An unspent output as <c>btcUtxosAddrList</c> (0x41) reports it: txid, output index and value in sats.</summary>
public sealed record BitcoinUtxo(Hash256 TxId, uint Index, ulong Value)
{
    /// <summary>Bytes per entry in the 0x41 output: txid (display) 32 ‖ vout u16 ‖ value u64.</summary>
    public const int EncodedSize = 42;

    /// <summary>The 0x41 output: <c>count u8</c>, then each entry. The vout is truncated to 16 bits, as upstream does.</summary>
    /// <exception cref="ArgumentException">More than 255 entries.</exception>
    public static byte[] EncodeList(IReadOnlyList<BitcoinUtxo> utxos)
    {
        ArgumentNullException.ThrowIfNull(utxos);
        if (utxos.Count > byte.MaxValue)
        {
            throw new ArgumentException("The UTXO list holds at most 255 entries.", nameof(utxos));
        }

        var output = new byte[1 + (utxos.Count * EncodedSize)];
        output[0] = (byte)utxos.Count;
        for (var i = 0; i < utxos.Count; i++)
        {
            var entry = output.AsSpan(1 + (i * EncodedSize), EncodedSize);
            utxos[i].TxId.ToDisplayBytes().CopyTo(entry);
            BinaryPrimitives.WriteUInt16BigEndian(entry[32..], unchecked((ushort)utxos[i].Index));
            BinaryPrimitives.WriteUInt64BigEndian(entry[34..], utxos[i].Value);
        }

        return output;
    }

    /// <summary>Decodes a 0x41 output.</summary>
    /// <exception cref="HvmFormatException">Empty input or a length that does not match the count.</exception>
    public static IReadOnlyList<BitcoinUtxo> DecodeList(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new HvmFormatException("A UTXO list starts with a count byte.");
        }

        var count = encoded[0];
        if (encoded.Length != 1 + (count * EncodedSize))
        {
            throw new HvmFormatException($"A list of {count} UTXOs is {1 + (count * EncodedSize)} bytes, got {encoded.Length}.");
        }

        var result = new BitcoinUtxo[count];
        for (var i = 0; i < count; i++)
        {
            var entry = encoded.Slice(1 + (i * EncodedSize), EncodedSize);
            result[i] = new BitcoinUtxo(
                Hash256.FromDisplay(entry[..32]),
                BinaryPrimitives.ReadUInt16BigEndian(entry[32..]),
                BinaryPrimitives.ReadUInt64BigEndian(entry[34..]));
        }

        return result;
    }
}
