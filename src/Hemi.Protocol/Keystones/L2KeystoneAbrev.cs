using System.Buffers.Binary;
using Hemi.Bitcoin;
using Hemi.Crypto;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Keystones;

/// <summary>
/// The abbreviated keystone (<c>L2KeystoneAbrev</c> v1): exactly 76 bytes, integers big-endian,
/// hashes truncated. Its double-SHA256 is the keystone hash used as the key everywhere.
/// </summary>
public sealed class L2KeystoneAbrev : IEquatable<L2KeystoneAbrev>
{
    /// <summary>Serialized size in bytes.</summary>
    public const int Size = 76;

    /// <summary>The only version the parser accepts.</summary>
    public const byte SupportedVersion = 1;

    public const int ParentEPHashLength = 11;
    public const int PrevKeystoneEPHashLength = 12;
    public const int StateRootLength = 32;
    public const int EPHashLength = 12;

    private const int L1Offset = 1;
    private const int L2Offset = 5;
    private const int ParentOffset = 9;
    private const int PrevOffset = ParentOffset + ParentEPHashLength;      // 20
    private const int StateRootOffset = PrevOffset + PrevKeystoneEPHashLength; // 32
    private const int EPHashOffset = StateRootOffset + StateRootLength;  // 64

    private readonly byte[] _bytes;
    private Hash256? _hash;

    private L2KeystoneAbrev(byte[] bytes) => _bytes = bytes;

    public byte Version => _bytes[0];

    public uint L1BlockNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(L1Offset));

    public uint L2BlockNumber => BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(L2Offset));

    public ReadOnlySpan<byte> ParentEPHash => _bytes.AsSpan(ParentOffset, ParentEPHashLength);

    public ReadOnlySpan<byte> PrevKeystoneEPHash => _bytes.AsSpan(PrevOffset, PrevKeystoneEPHashLength);

    public ReadOnlySpan<byte> StateRoot => _bytes.AsSpan(StateRootOffset, StateRootLength);

    public ReadOnlySpan<byte> EPHash => _bytes.AsSpan(EPHashOffset, EPHashLength);

    /// <summary>The 76 serialized bytes.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>A copy of the 76 serialized bytes.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>
    /// Keystone hash: SHA256(SHA256(76 bytes)) in internal byte order; <see cref="Hash256.ToString"/> gives the
    /// display (reversed) form that BFG URLs and TBC JSON use.
    /// </summary>
    public Hash256 GetHash()
    {
        if (_hash is { } cached)
        {
            return cached;
        }

        Span<byte> digest = stackalloc byte[32];
        Sha256.DoubleHash(_bytes, digest);
        var hash = Hash256.FromInternal(digest);
        _hash = hash;
        return hash;
    }

    /// <summary>Builds the abbreviation of a full keystone.</summary>
    public static L2KeystoneAbrev FromKeystone(L2Keystone keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        var bytes = new byte[Size];
        bytes[0] = keystone.Version;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(L1Offset), keystone.L1BlockNumber);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(L2Offset), keystone.L2BlockNumber);
        CopyPrefix(keystone.ParentEPHash, bytes.AsSpan(ParentOffset, ParentEPHashLength));
        CopyPrefix(keystone.PrevKeystoneEPHash, bytes.AsSpan(PrevOffset, PrevKeystoneEPHashLength));
        CopyPrefix(keystone.StateRoot, bytes.AsSpan(StateRootOffset, StateRootLength));
        CopyPrefix(keystone.EPHash, bytes.AsSpan(EPHashOffset, EPHashLength));
        return new L2KeystoneAbrev(bytes);
    }

    /// <summary>Parses exactly 76 bytes of a version-1 abbreviated keystone.</summary>
    /// <exception cref="PopPayloadException">Wrong length or version.</exception>
    public static L2KeystoneAbrev Parse(ReadOnlySpan<byte> data)
    {
        if (!TryParse(data, out var keystone, out var error))
        {
            throw new PopPayloadException(error, DescribeError(error, data));
        }

        return keystone!;
    }

    /// <summary>Non-throwing <see cref="Parse"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out L2KeystoneAbrev? keystone, out PopPayloadError error)
    {
        keystone = null;
        if (data.Length != Size)
        {
            error = PopPayloadError.InvalidKeystoneLength;
            return false;
        }

        if (data[0] != SupportedVersion)
        {
            error = PopPayloadError.UnsupportedKeystoneVersion;
            return false;
        }

        keystone = new L2KeystoneAbrev(data.ToArray());
        error = PopPayloadError.None;
        return true;
    }

    public bool Equals(L2KeystoneAbrev? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as L2KeystoneAbrev);

    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(EPHashOffset));

    public override string ToString() => $"keystone L2 {L2BlockNumber} (L1 {L1BlockNumber}) {GetHash()}";

    private static void CopyPrefix(byte[]? source, Span<byte> destination)
    {
        if (source is null)
        {
            return;
        }

        var count = Math.Min(source.Length, destination.Length);
        source.AsSpan(0, count).CopyTo(destination);
    }

    internal static string DescribeError(PopPayloadError error, ReadOnlySpan<byte> data) => error switch
    {
        PopPayloadError.InvalidKeystoneLength => $"abbreviated keystone must be {Size} bytes, got {data.Length}",
        PopPayloadError.UnsupportedKeystoneVersion => $"unsupported abbreviated keystone version {data[0]} (expected {SupportedVersion})",
        _ => error.ToString(),
    };
}
