using System.Buffers.Binary;

namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>
/// The four flag bytes of <c>btcTxByTxid</c> (0x42) in the phase-0 layout of op-geth <c>max/hvmphase0</c> and the
/// deployed BitcoinKit (hemi-protocol.md §4.3). Kept as the raw 32-bit value so unknown bits round-trip; the
/// "not implemented" bits (tx hash, output address, spent-by) are carried but produce no output.
/// </summary>
public readonly record struct BitcoinTxQueryFlags(uint Raw)
{
    public const int Size = 4;

    private byte Byte0 => (byte)(Raw >> 24);

    private byte Byte1 => (byte)(Raw >> 16);

    private byte Byte2 => (byte)(Raw >> 8);

    private byte Byte3 => (byte)Raw;

    /// <summary>Byte 0 bit 6: the containing block hash (32 bytes, display order).</summary>
    public bool ContainingBlock => (Byte0 & 0x40) != 0;

    /// <summary>Byte 0 bit 5: the version (u32).</summary>
    public bool Version => (Byte0 & 0x20) != 0;

    /// <summary>Byte 0 bit 4: total size u32 then stripped size u32.</summary>
    public bool Sizes => (Byte0 & 0x10) != 0;

    /// <summary>Byte 0 bit 3: the lock time (u32).</summary>
    public bool LockTime => (Byte0 & 0x08) != 0;

    /// <summary>Byte 0 bit 2: the inputs section (count u16, then each input's value u64 and the selected parts).</summary>
    public bool Inputs => (Byte0 & 0x04) != 0;

    /// <summary>Byte 0 bit 1: per input, the previous txid (display) and vout u16.</summary>
    public bool InputSource => (Byte0 & 0x02) != 0;

    /// <summary>Byte 0 bit 0: per input, the scriptSig length u16 and its bytes truncated to <see cref="MaxInputScriptSigSize"/>.</summary>
    public bool InputScriptSig => (Byte0 & 0x01) != 0;

    /// <summary>Byte 1 bit 7: per input, the sequence (u32).</summary>
    public bool InputSequence => (Byte1 & 0x80) != 0;

    /// <summary>Byte 1 bit 6: the outputs section (count u16, then each output's value u64 and the selected parts).</summary>
    public bool Outputs => (Byte1 & 0x40) != 0;

    /// <summary>Byte 1 bit 5: per output, the script length u16 and its bytes truncated to <see cref="MaxOutputScriptSize"/>.</summary>
    public bool OutputScript => (Byte1 & 0x20) != 0;

    /// <summary>Byte 1 bit 3: include unspendable (OP_RETURN) outputs in the count and the list.</summary>
    public bool UnspendableOutputs => (Byte1 & 0x08) != 0;

    /// <summary>Byte 1 bit 2: per output, a spent flag (1 byte).</summary>
    public bool OutputSpent => (Byte1 & 0x04) != 0;

    /// <summary>Byte 2 bits 5–3: at most 2^x inputs are listed.</summary>
    public int MaxInputs => 1 << ((Byte2 >> 3) & 0x07);

    /// <summary>Byte 2 bits 2–0: at most 2^x outputs are listed.</summary>
    public int MaxOutputs => 1 << (Byte2 & 0x07);

    /// <summary>Byte 3 bits 3–2: scriptSigs are cut to 2^(4+x) bytes.</summary>
    public int MaxInputScriptSigSize => 1 << (4 + ((Byte3 >> 2) & 0x03));

    /// <summary>Byte 3 bits 1–0: output scripts are cut to 2^(4+x) bytes.</summary>
    public int MaxOutputScriptSize => 1 << (4 + (Byte3 & 0x03));

    /// <summary>Reads the four flag bytes (big-endian).</summary>
    /// <exception cref="HvmFormatException">Not exactly four bytes.</exception>
    public static BitcoinTxQueryFlags Decode(ReadOnlySpan<byte> flags)
    {
        if (flags.Length != Size)
        {
            throw new HvmFormatException($"btcTxByTxid flags are {Size} bytes, got {flags.Length}.");
        }

        return new BitcoinTxQueryFlags(BinaryPrimitives.ReadUInt32BigEndian(flags));
    }

    public byte[] Encode()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Raw);
        return bytes;
    }
}
