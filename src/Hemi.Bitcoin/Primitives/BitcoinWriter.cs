using System.Buffers;
using System.Buffers.Binary;

namespace Hemi.Bitcoin;

/// <summary>A growable little-endian buffer for Bitcoin wire serialization.</summary>
public sealed class BitcoinWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;

    public BitcoinWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The written bytes (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets the written bytes but keeps the buffer.</summary>
    public void Clear() => _length = 0;

    public void WriteByte(byte value) => GetSpanFor(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(GetSpanFor(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(GetSpanFor(4), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpanFor(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(GetSpanFor(8), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpanFor(8), value);

    public void WriteCompactSize(ulong value)
    {
        EnsureCapacity(9);
        _length += CompactSize.Write(_buffer.AsSpan(_length), value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpanFor(bytes.Length));

    /// <summary>Writes a CompactSize length followed by the bytes.</summary>
    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteHash256(in Hash256 hash) => hash.WriteInternal(GetSpanFor(Hash256.Size));

    void IBufferWriter<byte>.Advance(int count)
    {
        if (count < 0 || _length + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += count;
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    private Span<byte> GetSpanFor(int count)
    {
        EnsureCapacity(count);
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void EnsureCapacity(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        var needed = (long)_length + count;
        var size = Math.Max((long)_buffer.Length * 2, needed);
        if (size > Array.MaxLength)
        {
            size = needed <= Array.MaxLength ? Array.MaxLength : throw new InvalidOperationException("Serialization too large.");
        }

        Array.Resize(ref _buffer, (int)size);
    }
}
