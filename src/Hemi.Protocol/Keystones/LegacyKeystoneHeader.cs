using System.Buffers.Binary;

namespace Hemi.Protocol.Keystones;

/// <summary>
/// The pre-L2Keystone 73-byte header (<c>hemi.Header</c>): version, block number (big-endian) and 12-byte hash
/// prefixes. Kept only to recognise historical payloads; new publications use <see cref="L2KeystoneAbrev"/>,
/// and the PoP parser rejects this form.
/// </summary>
public sealed record LegacyKeystoneHeader(byte Version, uint BlockNumber, byte[] ParentEPHash, byte[] PrevKeystoneEPHash, byte[] StateRoot, byte[] EPHash)
{
    /// <summary>Serialized size in bytes.</summary>
    public const int Size = 73;

    /// <summary>The 73 serialized bytes (hash fields truncated or zero-padded to their widths).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), BlockNumber);
        CopyPrefix(ParentEPHash, bytes.AsSpan(5, 12));
        CopyPrefix(PrevKeystoneEPHash, bytes.AsSpan(17, 12));
        CopyPrefix(StateRoot, bytes.AsSpan(29, 32));
        CopyPrefix(EPHash, bytes.AsSpan(61, 12));
        return bytes;
    }

    private static void CopyPrefix(byte[] source, Span<byte> destination) =>
        source.AsSpan(0, Math.Min(source.Length, destination.Length)).CopyTo(destination);
}
