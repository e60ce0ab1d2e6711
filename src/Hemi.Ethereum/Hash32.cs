using System.Text.Json.Serialization;
using Hemi.Ethereum.Primitives;
using Hemi.Ethereum.Serialization;

namespace Hemi.Ethereum;

/// <summary>A 32-byte Ethereum hash (block hash, transaction hash, log topic, storage key).</summary>
[JsonConverter(typeof(Hash32JsonConverter))]
public readonly struct Hash32 : IEquatable<Hash32>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] s_zeroBytes = new byte[Length];

    // Null only for default(Hash32), which means all zeros.
    private readonly byte[]? _bytes;

    /// <summary>The all-zero hash.</summary>
    public static readonly Hash32 Zero = default;

    public Hash32(ReadOnlySpan<byte> bytes32)
    {
        if (bytes32.Length != Length)
        {
            throw new ArgumentException($"A hash is exactly {Length} bytes; got {bytes32.Length}.", nameof(bytes32));
        }

        _bytes = bytes32.ToArray();
    }

    /// <summary>Parses 64 hex digits with an optional <c>0x</c> prefix, any case.</summary>
    public static Hash32 Parse(string hex)
    {
        if (!TryParse(hex, out var hash))
        {
            throw new EthereumFormatException("A 32-byte hash must be 64 hex digits, optionally 0x-prefixed.");
        }

        return hash;
    }

    public static bool TryParse(string? hex, out Hash32 hash)
    {
        hash = default;
        if (hex is null)
        {
            return false;
        }

        var bytes = new byte[Length];
        if (!HexText.TryDecodeExact(HexText.StripPrefix(hex.AsSpan()), bytes))
        {
            return false;
        }

        hash = new Hash32(bytes, takeOwnership: true);
        return true;
    }

    // Avoids a second copy when the caller already owns a fresh array.
    private Hash32(byte[] owned, bool takeOwnership)
    {
        _ = takeOwnership;
        _bytes = owned;
    }

    internal static Hash32 FromOwned(byte[] bytes32) => new(bytes32, takeOwnership: true);

    public ReadOnlySpan<byte> AsSpan() => _bytes ?? s_zeroBytes;

    public byte[] ToBytes() => AsSpan().ToArray();

    public bool IsZero => AsSpan().IndexOfAnyExcept((byte)0) < 0;

    public bool Equals(Hash32 other) => AsSpan().SequenceEqual(other.AsSpan());

    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    public override int GetHashCode() => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(AsSpan()) ^ System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(AsSpan()[28..]);

    /// <summary>Lowercase hex with a <c>0x</c> prefix.</summary>
    public override string ToString() => HexText.ToPrefixedLower(AsSpan());

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
}
