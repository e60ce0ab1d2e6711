using System.Numerics;

namespace Hemi.Ethereum.Rlp;

/// <summary>
/// Fast RLP encoder into a growable buffer. Lists are written with <see cref="BeginList"/>/<see cref="EndList"/>:
/// the payload is written first and the header is inserted in front of it when the list closes.
/// </summary>
public sealed class RlpWriter
{
    private byte[] _buffer;
    private int _length;
    // The start offsets of the open lists: inline for the usual shallow nesting (no allocation per writer), spilling
    // to a heap array only for deeper structures.
    private OpenListOffsets _inlineOpen;
    private int[]? _spilledOpen;
    private int _openCount;

    public RlpWriter(int initialCapacity = 256)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The encoding so far (only meaningful once every list is closed).</summary>
    public ReadOnlySpan<byte> AsSpan() => _buffer.AsSpan(0, _length);

    /// <summary>A copy of the finished encoding.</summary>
    public byte[] ToArray()
    {
        if (_openCount != 0)
        {
            throw new InvalidOperationException("An RLP list is still open.");
        }

        return _buffer.AsSpan(0, _length).ToArray();
    }

    /// <summary>Clears the writer for reuse.</summary>
    public void Reset()
    {
        _length = 0;
        _openCount = 0;
    }

    public void WriteString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            Reserve(1)[0] = bytes[0];
            return;
        }

        var header = Rlp.HeaderLength(bytes.Length);
        var span = Reserve(header + bytes.Length);
        Rlp.WriteHeader(span, 0x80, bytes.Length);
        bytes.CopyTo(span[header..]);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> scratch = stackalloc byte[8];
        WriteString(Rlp.TrimmedBigEndian(value, scratch));
    }

    /// <summary>Writes a non-negative integer, big-endian without leading zeros.</summary>
    public void WriteBigInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are non-negative.");
        }

        if (value.IsZero)
        {
            WriteString(ReadOnlySpan<byte>.Empty);
            return;
        }

        var count = value.GetByteCount(isUnsigned: true);
        Span<byte> scratch = count <= 64 ? stackalloc byte[count] : new byte[count];
        value.TryWriteBytes(scratch, out _, isUnsigned: true, isBigEndian: true);
        WriteString(scratch);
    }

    /// <summary>Writes an already-encoded RLP item verbatim.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded) => encoded.CopyTo(Reserve(encoded.Length));

    /// <summary>Writes a decoded item tree.</summary>
    public void Write(RlpItem item)
    {
        switch (item)
        {
            case RlpString s:
                WriteString(s.Bytes);
                break;
            case RlpList list:
                BeginList();
                foreach (var child in list.Items)
                {
                    Write(child);
                }

                EndList();
                break;
            default:
                throw new ArgumentException("Unknown RLP item type.", nameof(item));
        }
    }

    public void BeginList()
    {
        if (_openCount < OpenListOffsets.Length)
        {
            _inlineOpen[_openCount] = _length;
        }
        else
        {
            var index = _openCount - OpenListOffsets.Length;
            _spilledOpen ??= new int[OpenListOffsets.Length];
            if (index == _spilledOpen.Length)
            {
                Array.Resize(ref _spilledOpen, _spilledOpen.Length * 2);
            }

            _spilledOpen[index] = _length;
        }

        _openCount++;
    }

    public void EndList()
    {
        if (_openCount == 0)
        {
            throw new InvalidOperationException("EndList without a matching BeginList.");
        }

        _openCount--;
        var start = _openCount < OpenListOffsets.Length ? _inlineOpen[_openCount] : _spilledOpen![_openCount - OpenListOffsets.Length];
        var payload = _length - start;
        var header = Rlp.HeaderLength(payload);
        Reserve(header);
        Buffer.BlockCopy(_buffer, start, _buffer, start + header, payload);
        Rlp.WriteHeader(_buffer.AsSpan(start, header), 0xC0, payload);
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var newSize = Math.Max(_buffer.Length * 2, _length + count);
            Array.Resize(ref _buffer, newSize);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct OpenListOffsets
    {
        public const int Length = 8;

        private int _first;
    }
}
