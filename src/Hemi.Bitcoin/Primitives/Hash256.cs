using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hemi.Bitcoin;

/// <summary>
/// A 32-byte Bitcoin hash (txid, block hash, merkle node) held in internal (wire, little-endian) byte order.
/// <see cref="ToString"/> and <see cref="Parse"/> use the byte-reversed "display" order that RPC and explorers print.
/// </summary>
/// <remarks>
/// Stored as four machine words instead of a byte array so hashes cost no allocation and compare in four steps.
/// The words are read with the native byte order, so the struct's memory is exactly the 32 internal bytes.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    /// <summary>Size of a hash in bytes.</summary>
    public const int Size = 32;

    /// <summary>The all-zero hash (previous-block of the genesis block, null outpoint txid).</summary>
    public static readonly Hash256 Zero;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    private Hash256(ReadOnlySpan<byte> internalBytes)
    {
        _w0 = MemoryMarshal.Read<ulong>(internalBytes);
        _w1 = MemoryMarshal.Read<ulong>(internalBytes[8..]);
        _w2 = MemoryMarshal.Read<ulong>(internalBytes[16..]);
        _w3 = MemoryMarshal.Read<ulong>(internalBytes[24..]);
    }

    /// <summary>Creates a hash from 32 bytes in internal (wire) order.</summary>
    public static Hash256 FromInternal(ReadOnlySpan<byte> b32)
    {
        if (b32.Length != Size)
        {
            throw new ArgumentException($"A hash is {Size} bytes, got {b32.Length}.", nameof(b32));
        }

        return new Hash256(b32);
    }

    /// <summary>Creates a hash from 32 bytes in display (reversed) order.</summary>
    public static Hash256 FromDisplay(ReadOnlySpan<byte> b32)
    {
        if (b32.Length != Size)
        {
            throw new ArgumentException($"A hash is {Size} bytes, got {b32.Length}.", nameof(b32));
        }

        Span<byte> tmp = stackalloc byte[Size];
        b32.CopyTo(tmp);
        tmp.Reverse();
        return new Hash256(tmp);
    }

    /// <summary>Parses 64 hex characters in display (byte-reversed, RPC) order.</summary>
    public static Hash256 Parse(string displayHex)
    {
        ArgumentNullException.ThrowIfNull(displayHex);
        if (!TryParse(displayHex, out var hash))
        {
            throw new BitcoinFormatException("A hash must be 64 hexadecimal characters.");
        }

        return hash;
    }

    /// <summary>Parses 64 hex characters in display order without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? displayHex, out Hash256 hash)
    {
        hash = default;
        if (displayHex is null || displayHex.Length != Size * 2)
        {
            return false;
        }

        Span<byte> tmp = stackalloc byte[Size];
        if (Convert.FromHexString(displayHex, tmp, out _, out var written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            return false;
        }

        tmp.Reverse();
        hash = new Hash256(tmp);
        return true;
    }

    /// <summary>Parses 64 hex characters in internal (wire) order.</summary>
    public static Hash256 ParseInternalHex(string internalHex)
    {
        ArgumentNullException.ThrowIfNull(internalHex);
        Span<byte> tmp = stackalloc byte[Size];
        if (internalHex.Length != Size * 2
            || Convert.FromHexString(internalHex, tmp, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Size)
        {
            throw new BitcoinFormatException("A hash must be 64 hexadecimal characters.");
        }

        return new Hash256(tmp);
    }

    /// <summary>Double SHA-256 of <paramref name="data"/>, the hash Bitcoin uses for txids, blocks and merkle nodes.</summary>
    public static Hash256 DoubleSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[Size];
        Hemi.Crypto.Sha256.DoubleHash(data, buffer);
        return new Hash256(buffer);
    }

    /// <summary>Double SHA-256 of the 64-byte concatenation <paramref name="left"/> ‖ <paramref name="right"/> (a merkle parent).</summary>
    public static Hash256 HashPair(in Hash256 left, in Hash256 right)
    {
        Span<byte> buffer = stackalloc byte[Size * 2];
        left.WriteInternal(buffer);
        right.WriteInternal(buffer[Size..]);
        return DoubleSha256(buffer);
    }

    /// <summary>The 32 bytes in internal order, without copying.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> AsSpan() =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<ulong, byte>(ref Unsafe.AsRef(in _w0)), Size);

    /// <summary>Copies the 32 internal-order bytes into <paramref name="dest"/>.</summary>
    public void WriteInternal(Span<byte> dest)
    {
        if (dest.Length < Size)
        {
            throw new ArgumentException($"Destination needs {Size} bytes.", nameof(dest));
        }

        MemoryMarshal.Write(dest, in _w0);
        MemoryMarshal.Write(dest[8..], in _w1);
        MemoryMarshal.Write(dest[16..], in _w2);
        MemoryMarshal.Write(dest[24..], in _w3);
    }

    /// <summary>A fresh array with the internal-order bytes.</summary>
    public byte[] ToInternalBytes()
    {
        var bytes = new byte[Size];
        WriteInternal(bytes);
        return bytes;
    }

    /// <summary>A fresh array with the display-order (reversed) bytes.</summary>
    public byte[] ToDisplayBytes()
    {
        var bytes = ToInternalBytes();
        Array.Reverse(bytes);
        return bytes;
    }

    /// <summary>Whether every byte is zero.</summary>
    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    /// <summary>Display-order (byte-reversed) lower-case hex, as printed by Bitcoin Core RPC.</summary>
    public override string ToString()
    {
        Span<byte> tmp = stackalloc byte[Size];
        WriteInternal(tmp);
        tmp.Reverse();
        return Convert.ToHexStringLower(tmp);
    }

    /// <summary>Internal-order lower-case hex.</summary>
    public string ToInternalHex()
    {
        Span<byte> tmp = stackalloc byte[Size];
        WriteInternal(tmp);
        return Convert.ToHexStringLower(tmp);
    }

    public bool Equals(Hash256 other) =>
        _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    // The words of a cryptographic hash are already uniformly distributed.
    public override int GetHashCode() => (int)_w0 ^ (int)(_w0 >> 32);

    /// <summary>Compares the hashes as 256-bit little-endian unsigned integers (the order used for proof of work).</summary>
    public int CompareTo(Hash256 other)
    {
        var c = Word(3).CompareTo(other.Word(3));
        if (c != 0)
        {
            return c;
        }

        c = Word(2).CompareTo(other.Word(2));
        if (c != 0)
        {
            return c;
        }

        c = Word(1).CompareTo(other.Word(1));
        return c != 0 ? c : Word(0).CompareTo(other.Word(0));
    }

    /// <summary>
    /// The <paramref name="index"/>-th 64-bit limb of the hash read as a little-endian 256-bit number (0 = least significant).
    /// </summary>
    public ulong Word(int index)
    {
        var raw = index switch
        {
            0 => _w0,
            1 => _w1,
            2 => _w2,
            3 => _w3,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
        return BitConverter.IsLittleEndian ? raw : BinaryPrimitives.ReverseEndianness(raw);
    }

    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);

    public static bool operator <(Hash256 left, Hash256 right) => left.CompareTo(right) < 0;

    public static bool operator >(Hash256 left, Hash256 right) => left.CompareTo(right) > 0;

    public static bool operator <=(Hash256 left, Hash256 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Hash256 left, Hash256 right) => left.CompareTo(right) >= 0;
}
