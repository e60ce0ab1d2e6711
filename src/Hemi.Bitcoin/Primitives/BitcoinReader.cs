using System.Buffers.Binary;

namespace Hemi.Bitcoin;

/// <summary>
/// A forward-only cursor over Bitcoin wire bytes. Every read is bounds-checked and a short buffer raises
/// <see cref="BitcoinFormatException"/>, so parsers built on it cannot index out of range.
/// </summary>
public ref struct BitcoinReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BitcoinReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Whether every byte has been consumed.</summary>
    public readonly bool IsAtEnd => _position == _data.Length;

    /// <summary>The whole underlying buffer (useful to hash a span that was just read).</summary>
    public readonly ReadOnlySpan<byte> Buffer => _data;

    /// <summary>The unread bytes.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _data[_position..];

    public byte ReadByte()
    {
        Ensure(1);
        return _data[_position++];
    }

    public ushort ReadUInt16()
    {
        Ensure(2);
        var v = BinaryPrimitives.ReadUInt16LittleEndian(_data[_position..]);
        _position += 2;
        return v;
    }

    public uint ReadUInt32()
    {
        Ensure(4);
        var v = BinaryPrimitives.ReadUInt32LittleEndian(_data[_position..]);
        _position += 4;
        return v;
    }

    public int ReadInt32() => unchecked((int)ReadUInt32());

    public ulong ReadUInt64()
    {
        Ensure(8);
        var v = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return v;
    }

    public long ReadInt64() => unchecked((long)ReadUInt64());

    /// <summary>Reads a canonical CompactSize no larger than <paramref name="max"/>.</summary>
    public ulong ReadCompactSize(ulong max = CompactSize.MaxSize)
    {
        var value = CompactSize.Read(_data[_position..], out var read, max);
        _position += read;
        return value;
    }

    /// <summary>
    /// Reads a CompactSize used as an element count and checks that the remaining bytes could hold that many
    /// elements of at least <paramref name="minElementSize"/> bytes, so callers can allocate the result safely.
    /// </summary>
    public int ReadCount(int minElementSize, ulong max = CompactSize.MaxSize)
    {
        var count = ReadCompactSize(max);
        if (minElementSize > 0 && count > (ulong)(Remaining / minElementSize))
        {
            throw new BitcoinFormatException($"Count {count} cannot fit in the remaining {Remaining} bytes.");
        }

        return (int)count;
    }

    /// <summary>Returns the next <paramref name="count"/> bytes without copying.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            throw new BitcoinFormatException("Negative length.");
        }

        Ensure(count);
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Copies the next <paramref name="count"/> bytes into a new array.</summary>
    public byte[] ReadByteArray(int count) => count == 0 ? [] : ReadBytes(count).ToArray();

    /// <summary>Reads a CompactSize length and that many bytes (a script or witness item).</summary>
    public byte[] ReadVarBytes(ulong max = CompactSize.MaxSize)
    {
        var length = ReadCompactSize(max);
        if (length > (ulong)Remaining)
        {
            throw new BitcoinFormatException($"Length {length} exceeds the remaining {Remaining} bytes.");
        }

        return ReadByteArray((int)length);
    }

    public Hash256 ReadHash256() => Hash256.FromInternal(ReadBytes(Hash256.Size));

    public void Skip(int count) => ReadBytes(count);

    private readonly void Ensure(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            throw new BitcoinFormatException($"Unexpected end of data: needed {count} bytes at offset {_position}, {Remaining} left.");
        }
    }
}
