using System.Numerics;

namespace Hemi.Ethereum.Rlp;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B). Decoding is strict: every
/// non-canonical form is rejected, so one value has exactly one accepted encoding.
/// </summary>
public static class Rlp
{
    /// <summary>Maximum list nesting accepted by <see cref="Decode"/>.</summary>
    public const int MaxDepth = 64;

    /// <summary>The encoding of the empty string (also integer zero).</summary>
    public const byte EmptyString = 0x80;

    /// <summary>The encoding of the empty list.</summary>
    public const byte EmptyList = 0xC0;

    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var writer = new RlpWriter(EstimateLength(item));
        writer.Write(item);
        return writer.ToArray();
    }

    /// <summary>Decodes exactly one item that spans all of <paramref name="data"/>.</summary>
    public static RlpItem Decode(ReadOnlySpan<byte> data)
    {
        var reader = new RlpReader(data);
        var item = ReadItem(ref reader, 0);
        reader.EnsureEnd();
        return item;
    }

    public static byte[] EncodeString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            return [bytes[0]];
        }

        var header = HeaderLength(bytes.Length);
        var result = new byte[header + bytes.Length];
        WriteHeader(result, 0x80, bytes.Length);
        bytes.CopyTo(result.AsSpan(header));
        return result;
    }

    public static byte[] EncodeUInt64(ulong value)
    {
        Span<byte> scratch = stackalloc byte[8];
        return EncodeString(TrimmedBigEndian(value, scratch));
    }

    public static byte[] EncodeBigInteger(BigInteger nonNegative)
    {
        if (nonNegative.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nonNegative), "RLP integers are non-negative.");
        }

        return nonNegative.IsZero
            ? [EmptyString]
            : EncodeString(nonNegative.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Wraps already-encoded items in a list header.</summary>
    public static byte[] EncodeList(params byte[][] encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        long payload = 0;
        foreach (var item in encodedItems)
        {
            payload += item.Length;
        }

        if (payload > Array.MaxLength)
        {
            throw new ArgumentException("RLP list payload is too large.", nameof(encodedItems));
        }

        var header = HeaderLength((int)payload);
        var result = new byte[header + payload];
        WriteHeader(result, EmptyList, (int)payload);
        var offset = header;
        foreach (var item in encodedItems)
        {
            item.CopyTo(result, offset);
            offset += item.Length;
        }

        return result;
    }

    /// <summary>Length of the header for a string (not a single low byte) or list payload of the given length.</summary>
    public static int HeaderLength(int payloadLength) => payloadLength < 56 ? 1 : 1 + ByteCount((ulong)payloadLength);

    /// <summary>Length of the full encoding of a byte string.</summary>
    public static int EncodedStringLength(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 1 && bytes[0] < 0x80 ? 1 : HeaderLength(bytes.Length) + bytes.Length;

    /// <summary>Writes a header for a payload; <paramref name="shortBase"/> is 0x80 for strings, 0xC0 for lists.</summary>
    internal static void WriteHeader(Span<byte> destination, int shortBase, int payloadLength)
    {
        if (payloadLength < 56)
        {
            destination[0] = (byte)(shortBase + payloadLength);
            return;
        }

        var count = ByteCount((ulong)payloadLength);
        destination[0] = (byte)(shortBase + 55 + count);
        for (var i = count; i >= 1; i--)
        {
            destination[i] = (byte)payloadLength;
            payloadLength >>= 8;
        }
    }

    /// <summary>Big-endian bytes of <paramref name="value"/> with leading zeros removed (empty for zero).</summary>
    internal static ReadOnlySpan<byte> TrimmedBigEndian(ulong value, Span<byte> scratch8)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(scratch8, value);
        return scratch8[(8 - ByteCount(value))..];
    }

    private static int ByteCount(ulong value) => (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;

    private static RlpItem ReadItem(ref RlpReader reader, int depth)
    {
        if (!reader.IsList)
        {
            return new RlpString(reader.ReadString().ToArray());
        }

        if (depth >= MaxDepth)
        {
            throw new RlpException($"RLP nesting exceeds {MaxDepth} levels.");
        }

        var inner = reader.EnterList();
        var items = new List<RlpItem>();
        while (inner.HasMore)
        {
            items.Add(ReadItem(ref inner, depth + 1));
        }

        return new RlpList(items);
    }

    private static int EstimateLength(RlpItem item) => item switch
    {
        RlpString s => s.Bytes.Length + 9,
        RlpList l => 9 + l.Items.Sum(EstimateLength),
        _ => 16,
    };
}
