using Hemi.Bitcoin;

namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>The 36-byte input of <c>btcTxByTxid</c> (0x42): txid in display order, then the four flag bytes.</summary>
public sealed record BitcoinTxQuery(Hash256 TxId, BitcoinTxQueryFlags Flags)
{
    public const int Size = 32 + BitcoinTxQueryFlags.Size;

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        TxId.ToDisplayBytes().CopyTo(bytes, 0);
        Flags.Encode().CopyTo(bytes, 32);
        return bytes;
    }

    /// <exception cref="HvmFormatException">Not exactly 36 bytes.</exception>
    public static BitcoinTxQuery Decode(ReadOnlySpan<byte> input)
    {
        if (input.Length != Size)
        {
            throw new HvmFormatException($"btcTxByTxid takes a {Size}-byte input (txid ‖ 4 flag bytes), got {input.Length}.");
        }

        return new BitcoinTxQuery(Hash256.FromDisplay(input[..32]), BitcoinTxQueryFlags.Decode(input[32..]));
    }
}
