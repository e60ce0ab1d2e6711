using System.Numerics;

namespace Hemi.Ethereum.Rlp;

/// <summary>
/// Zero-copy, strict RLP decoder over a span. Each read consumes one item; <see cref="EnterList"/>
/// returns a reader over a list's payload. All non-canonical encodings are rejected with <see cref="RlpException"/>.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public RlpReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Whether unread items remain.</summary>
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Whether the next item is a list (throws when nothing is left).</summary>
    public readonly bool IsList
    {
        get
        {
            if (!HasMore)
            {
                throw new RlpException("Unexpected end of RLP data.");
            }

            return _data[_position] >= 0xC0;
        }
    }

    /// <summary>Reads the next item, which must be a string, and returns its payload.</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        var header = PeekHeader();
        if (header.IsList)
        {
            throw new RlpException("Expected an RLP string but found a list.");
        }

        _position += header.HeaderLength + header.PayloadLength;
        return _data.Slice(_position - header.PayloadLength, header.PayloadLength);
    }

    /// <summary>Reads a string whose payload must be exactly <paramref name="length"/> bytes (e.g. addresses, hashes).</summary>
    public ReadOnlySpan<byte> ReadFixedString(int length)
    {
        var bytes = ReadString();
        if (bytes.Length != length)
        {
            throw new RlpException($"Expected a {length}-byte RLP string, got {bytes.Length} bytes.");
        }

        return bytes;
    }

    /// <summary>Reads a canonical unsigned integer of at most 8 bytes (no leading zeros; zero is the empty string).</summary>
    public ulong ReadUInt64()
    {
        var bytes = ReadIntegerBytes(8);
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>Reads a canonical non-negative integer of at most <paramref name="maxBytes"/> bytes (default 32: uint256).</summary>
    public BigInteger ReadBigInteger(int maxBytes = 32)
    {
        var bytes = ReadIntegerBytes(maxBytes);
        return bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads the big-endian bytes of a canonical integer (no leading zero byte), bounded by <paramref name="maxBytes"/>.</summary>
    public ReadOnlySpan<byte> ReadIntegerBytes(int maxBytes)
    {
        var bytes = ReadString();
        if (bytes.Length > maxBytes)
        {
            throw new RlpException($"RLP integer is {bytes.Length} bytes; at most {maxBytes} allowed.");
        }

        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new RlpException("RLP integer has a leading zero byte (non-canonical).");
        }

        return bytes;
    }

    /// <summary>Consumes the next item, which must be a list, and returns a reader over its payload.</summary>
    public RlpReader EnterList()
    {
        var header = PeekHeader();
        if (!header.IsList)
        {
            throw new RlpException("Expected an RLP list but found a string.");
        }

        var start = _position + header.HeaderLength;
        _position = start + header.PayloadLength;
        return new RlpReader(_data.Slice(start, header.PayloadLength));
    }

    /// <summary>Consumes the next item and returns its complete encoding (header and payload).</summary>
    public ReadOnlySpan<byte> ReadRaw()
    {
        var header = PeekHeader();
        var start = _position;
        _position += header.HeaderLength + header.PayloadLength;
        return _data[start.._position];
    }

    /// <summary>Skips the next item.</summary>
    public void Skip() => _ = ReadRaw();

    /// <summary>Throws unless every byte has been consumed.</summary>
    public readonly void EnsureEnd()
    {
        if (HasMore)
        {
            throw new RlpException($"{Remaining} unexpected trailing byte(s) after RLP item.");
        }
    }

    /// <summary>Decodes the header of the next item and validates it fully against the remaining input.</summary>
    public readonly RlpHeader PeekHeader()
    {
        var remaining = _data[_position..];
        if (remaining.IsEmpty)
        {
            throw new RlpException("Unexpected end of RLP data.");
        }

        var prefix = remaining[0];
        if (prefix < 0x80)
        {
            // A single byte below 0x80 is its own encoding: header length 0, the payload is the prefix itself.
            return new RlpHeader(false, 0, 1);
        }

        var isList = prefix >= 0xC0;
        var shortBase = isList ? 0xC0 : 0x80;
        var longBase = isList ? 0xF7 : 0xB7;
        int headerLength;
        int payloadLength;
        if (prefix <= longBase)
        {
            headerLength = 1;
            payloadLength = prefix - shortBase;
            if (!isList && payloadLength == 1)
            {
                if (remaining.Length < 2)
                {
                    throw new RlpException("RLP string is truncated.");
                }

                if (remaining[1] < 0x80)
                {
                    throw new RlpException("Single byte below 0x80 must be encoded as itself, not with an 0x81 prefix.");
                }
            }
        }
        else
        {
            var lengthOfLength = prefix - longBase;
            headerLength = 1 + lengthOfLength;
            if (remaining.Length < headerLength)
            {
                throw new RlpException("RLP length is truncated.");
            }

            var lengthBytes = remaining.Slice(1, lengthOfLength);
            if (lengthBytes[0] == 0)
            {
                throw new RlpException("RLP length has a leading zero byte.");
            }

            // Bound the length before using it: anything beyond the remaining input is truncation, whatever its size.
            ulong length = 0;
            foreach (var b in lengthBytes)
            {
                if (length > (ulong.MaxValue >> 8))
                {
                    throw new RlpException("RLP length overflows.");
                }

                length = (length << 8) | b;
            }

            if (length < 56)
            {
                throw new RlpException("RLP long form used for a payload shorter than 56 bytes.");
            }

            if (length > (ulong)(remaining.Length - headerLength))
            {
                throw new RlpException("RLP payload is truncated (declared length exceeds the input).");
            }

            payloadLength = (int)length;
        }

        if (payloadLength > remaining.Length - headerLength)
        {
            throw new RlpException("RLP payload is truncated (declared length exceeds the input).");
        }

        return new RlpHeader(isList, headerLength, payloadLength);
    }
}

/// <summary>The decoded prefix of one RLP item.</summary>
/// <param name="IsList">Whether the item is a list.</param>
/// <param name="HeaderLength">Bytes of prefix (0 for a single byte below 0x80).</param>
/// <param name="PayloadLength">Bytes of payload after the prefix.</param>
public readonly record struct RlpHeader(bool IsList, int HeaderLength, int PayloadLength);
