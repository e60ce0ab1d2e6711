namespace Hemi.Crypto.Secp256k1;

/// <summary>DER signature encoding rules: the BIP66 strict check and Bitcoin Core's lax parser.</summary>
internal static class DerSignature
{
    /// <summary>
    /// BIP66 encoding rules, applied to a signature without its trailing sighash byte:
    /// 0x30 [total] 0x02 [lenR] [R] 0x02 [lenS] [S], minimal positive integers, no trailing bytes.
    /// </summary>
    public static bool IsStrict(ReadOnlySpan<byte> sig)
    {
        // Shortest: 1-byte R and S (8 bytes); longest: 33-byte R and S (72 bytes).
        if (sig.Length < 8 || sig.Length > 72)
        {
            return false;
        }

        if (sig[0] != 0x30 || sig[1] != sig.Length - 2 || sig[2] != 0x02)
        {
            return false;
        }

        int lenR = sig[3];
        if (lenR == 0 || 5 + lenR >= sig.Length)
        {
            return false;
        }

        int lenS = sig[5 + lenR];
        if (lenS == 0 || lenR + lenS + 6 != sig.Length || sig[4 + lenR] != 0x02)
        {
            return false;
        }

        return IsMinimalPositive(sig.Slice(4, lenR)) && IsMinimalPositive(sig.Slice(6 + lenR, lenS));
    }

    /// <summary>
    /// Bitcoin Core's lax DER reader: tolerates a wrong or long-form sequence length, long-form integer lengths
    /// with leading zero bytes, excess zero padding, negative-looking integers and trailing garbage.
    /// On success <paramref name="compact64"/> holds r‖s; <paramref name="overflow"/> is set when R or S has more
    /// than 32 significant bytes (Core then uses an all-zero signature, which never verifies).
    /// </summary>
    public static bool TryParseLax(ReadOnlySpan<byte> input, Span<byte> compact64, out bool overflow)
    {
        compact64[..64].Clear();
        overflow = false;
        var pos = 0;

        // Sequence tag and its length; the length value itself is ignored.
        if (pos == input.Length || input[pos] != 0x30)
        {
            return false;
        }

        pos++;
        if (pos == input.Length)
        {
            return false;
        }

        int lengthByte = input[pos++];
        if ((lengthByte & 0x80) != 0)
        {
            lengthByte -= 0x80;
            if (lengthByte > input.Length - pos)
            {
                return false;
            }

            pos += lengthByte;
        }

        if (!TryReadLaxInteger(input, ref pos, out var rStart, out var rLength) ||
            !TryReadLaxInteger(input, ref pos, out var sStart, out var sLength))
        {
            return false;
        }

        // Whatever follows S is ignored.
        var r = TrimLeadingZeros(input.Slice(rStart, rLength));
        var s = TrimLeadingZeros(input.Slice(sStart, sLength));
        if (r.Length > 32 || s.Length > 32)
        {
            overflow = true;
            return true;
        }

        r.CopyTo(compact64[(32 - r.Length)..32]);
        s.CopyTo(compact64[(64 - s.Length)..64]);
        return true;
    }

    private static bool TryReadLaxInteger(ReadOnlySpan<byte> input, ref int pos, out int start, out int length)
    {
        start = 0;
        length = 0;
        if (pos == input.Length || input[pos] != 0x02)
        {
            return false;
        }

        pos++;
        if (pos == input.Length)
        {
            return false;
        }

        int lengthByte = input[pos++];
        if ((lengthByte & 0x80) != 0)
        {
            lengthByte -= 0x80;
            if (lengthByte > input.Length - pos)
            {
                return false;
            }

            while (lengthByte > 0 && input[pos] == 0)
            {
                pos++;
                lengthByte--;
            }

            // At most 3 significant length bytes: anything longer cannot fit in the input anyway.
            if (lengthByte >= 4)
            {
                return false;
            }

            while (lengthByte > 0)
            {
                length = (length << 8) | input[pos];
                pos++;
                lengthByte--;
            }
        }
        else
        {
            length = lengthByte;
        }

        if (length > input.Length - pos)
        {
            return false;
        }

        start = pos;
        pos += length;
        return true;
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }

    private static bool IsMinimalPositive(ReadOnlySpan<byte> integer)
    {
        if ((integer[0] & 0x80) != 0)
        {
            return false; // negative
        }

        // A leading zero is only allowed to keep the next byte from reading as negative.
        return !(integer.Length > 1 && integer[0] == 0 && (integer[1] & 0x80) == 0);
    }
}
