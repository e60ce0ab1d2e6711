using System.Buffers.Binary;
using System.Text.Json.Serialization;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum.Primitives;
using Hemi.Ethereum.Serialization;

namespace Hemi.Ethereum;

/// <summary>
/// A 20-byte Ethereum account address. Printed in EIP-55 mixed-case checksum form.
/// </summary>
[JsonConverter(typeof(AddressJsonConverter))]
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 20;

    private static readonly byte[] s_zeroBytes = new byte[Length];

    // Null only for default(Address), which means the zero address.
    private readonly byte[]? _bytes;

    /// <summary>The zero address (0x000…0).</summary>
    public static readonly Address Zero = default;

    public Address(ReadOnlySpan<byte> bytes20)
    {
        if (bytes20.Length != Length)
        {
            throw new ArgumentException($"An address is exactly {Length} bytes; got {bytes20.Length}.", nameof(bytes20));
        }

        _bytes = bytes20.ToArray();
    }

    private Address(byte[] owned, bool takeOwnership)
    {
        _ = takeOwnership;
        _bytes = owned;
    }

    /// <summary>Parses 40 hex digits, with or without <c>0x</c>, in any case; the checksum is not checked.</summary>
    public static Address Parse(string s)
    {
        if (!TryParse(s, out var address))
        {
            throw new EthereumFormatException("An address must be 40 hex digits, optionally 0x-prefixed.");
        }

        return address;
    }

    /// <summary>Lenient parse (see <see cref="Parse"/>) that reports failure instead of throwing.</summary>
    public static bool TryParse(string? s, out Address a)
    {
        a = default;
        if (s is null)
        {
            return false;
        }

        var bytes = new byte[Length];
        if (!HexText.TryDecodeExact(HexText.StripPrefix(s.AsSpan()), bytes))
        {
            return false;
        }

        a = new Address(bytes, takeOwnership: true);
        return true;
    }

    /// <summary>
    /// Strict EIP-55 parse: a mixed-case address must carry a valid checksum. All-lowercase or
    /// all-uppercase input carries no checksum and is accepted, as EIP-55 specifies.
    /// </summary>
    public static Address ParseChecksummed(string s)
    {
        var address = Parse(s);
        var digits = HexText.StripPrefix(s.AsSpan());
        var hasLower = digits.IndexOfAnyInRange('a', 'f') >= 0;
        var hasUpper = digits.IndexOfAnyInRange('A', 'F') >= 0;
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToChecksumString().AsSpan(2)))
        {
            throw new EthereumFormatException("Address has an invalid EIP-55 checksum.");
        }

        return address;
    }

    /// <summary>The address of a secp256k1 public key: the last 20 bytes of keccak256(X‖Y).</summary>
    public static Address FromPublicKey(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return FromUncompressedPublicKey(key.ToUncompressed());
    }

    /// <summary>The address of a 65-byte uncompressed (0x04‖X‖Y) or 64-byte raw (X‖Y) public key.</summary>
    public static Address FromUncompressedPublicKey(ReadOnlySpan<byte> publicKey)
    {
        var xy = publicKey.Length switch
        {
            65 when publicKey[0] == 0x04 => publicKey[1..],
            64 => publicKey,
            _ => throw new ArgumentException("Expected a 65-byte uncompressed or 64-byte raw public key.", nameof(publicKey)),
        };
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(xy, hash);
        return new Address(hash[12..]);
    }

    /// <summary>The address of a contract created by CREATE: keccak256(rlp([sender, nonce]))[12..].</summary>
    public static Address ComputeContractAddress(Address sender, ulong nonce)
    {
        var writer = new Rlp.RlpWriter();
        writer.BeginList();
        writer.WriteString(sender.AsSpan());
        writer.WriteUInt64(nonce);
        writer.EndList();
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(writer.AsSpan(), hash);
        return new Address(hash[12..]);
    }

    public ReadOnlySpan<byte> AsSpan() => _bytes ?? s_zeroBytes;

    public byte[] ToBytes() => AsSpan().ToArray();

    public bool IsZero => AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>EIP-55 form: <c>0x</c> then hex where letter i is upper-case when nibble i of keccak256(lowercase hex) ≥ 8.</summary>
    public string ToChecksumString()
    {
        Span<byte> lower = stackalloc byte[2 * Length];
        var bytes = AsSpan();
        for (var i = 0; i < Length; i++)
        {
            lower[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            lower[(2 * i) + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(lower, hash);
        Span<char> result = stackalloc char[2 + (2 * Length)];
        result[0] = '0';
        result[1] = 'x';
        for (var i = 0; i < 2 * Length; i++)
        {
            var c = (char)lower[i];
            var nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
            result[2 + i] = c >= 'a' && nibble >= 8 ? char.ToUpperInvariant(c) : c;
        }

        return new string(result);
    }

    /// <summary>Lowercase hex with <c>0x</c> prefix, no checksum.</summary>
    public string ToLowerHexString() => HexText.ToPrefixedLower(AsSpan());

    /// <summary>The EIP-55 checksummed form.</summary>
    public override string ToString() => ToChecksumString();

    public bool Equals(Address other) => AsSpan().SequenceEqual(other.AsSpan());

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() =>
        BinaryPrimitives.ReadInt32LittleEndian(AsSpan()) ^ BinaryPrimitives.ReadInt32LittleEndian(AsSpan()[16..]);

    public int CompareTo(Address other) => AsSpan().SequenceCompareTo(other.AsSpan());

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
