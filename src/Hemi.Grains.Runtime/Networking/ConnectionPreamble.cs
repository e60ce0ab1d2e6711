using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// What each side of a connection says first (Orleans: <c>ConnectionPreamble</c>), carried as the body of a
/// <see cref="FrameKind.Preamble"/> / <see cref="FrameKind.PreambleAccepted"/> frame. Layout (little-endian):
/// <c>magic "HEMI" (4 bytes) | protocolVersion:u16 | addressLength:u8 (4 or 16) | address | port:u16 | generation:i32 |
/// clusterIdLength:u8 (1..128) | clusterId:ASCII</c>.
/// </summary>
public sealed record ConnectionPreamble(ushort ProtocolVersion, string ClusterId, SiloAddress SiloAddress)
{
    /// <summary>The protocol version this build speaks (2: connections close with <see cref="FrameKind.GoAway"/>, which version 1 rejects as an unknown frame).</summary>
    public const ushort CurrentProtocolVersion = 2;

    /// <summary>Largest encoded preamble.</summary>
    public const int MaxEncodedLength = 4 + 2 + 1 + 16 + 2 + 4 + 1 + MaxClusterIdLength;

    private const int MaxClusterIdLength = 128;
    private static ReadOnlySpan<byte> Magic => "HEMI"u8;

    /// <summary>Encodes the preamble body.</summary>
    public byte[] Encode()
    {
        ArgumentNullException.ThrowIfNull(ClusterId);
        ArgumentNullException.ThrowIfNull(SiloAddress);
        if (ClusterId.Length is 0 or > MaxClusterIdLength || !Ascii.IsValid(ClusterId))
        {
            throw new ArgumentException("The cluster id must be 1 to 128 ASCII characters.");
        }

        if (SiloAddress.Endpoint.Port is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentException("The silo port is out of range.");
        }

        Span<byte> address = stackalloc byte[16];
        if (!SiloAddress.Endpoint.Address.TryWriteBytes(address, out int addressLength))
        {
            throw new ArgumentException("The silo address cannot be encoded.");
        }

        var buffer = new byte[4 + 2 + 1 + addressLength + 2 + 4 + 1 + ClusterId.Length];
        var span = buffer.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], ProtocolVersion);
        span[6] = (byte)addressLength;
        address[..addressLength].CopyTo(span[7..]);
        int offset = 7 + addressLength;
        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], (ushort)SiloAddress.Endpoint.Port);
        BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 2)..], SiloAddress.Generation);
        span[offset + 6] = (byte)ClusterId.Length;
        Encoding.ASCII.GetBytes(ClusterId, span[(offset + 7)..]);
        return buffer;
    }

    /// <summary>Decodes a preamble body; every malformation is a <see cref="ConnectionFramingException"/>.</summary>
    public static ConnectionPreamble Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < 7 || !source[..4].SequenceEqual(Magic))
        {
            throw new ConnectionFramingException("Not a Hemi connection preamble.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        int addressLength = source[6];
        if (addressLength is not (4 or 16))
        {
            throw new ConnectionFramingException($"Address length {addressLength} is neither 4 nor 16.");
        }

        int offset = 7 + addressLength;
        if (source.Length < offset + 7)
        {
            throw new ConnectionFramingException("Truncated preamble.");
        }

        var ip = new IPAddress(source.Slice(7, addressLength));
        int port = BinaryPrimitives.ReadUInt16LittleEndian(source[offset..]);
        int generation = BinaryPrimitives.ReadInt32LittleEndian(source[(offset + 2)..]);
        int clusterIdLength = source[offset + 6];
        if (clusterIdLength is 0 or > MaxClusterIdLength)
        {
            throw new ConnectionFramingException($"Cluster id length {clusterIdLength} is outside 1..{MaxClusterIdLength}.");
        }

        var clusterBytes = source[(offset + 7)..];
        if (clusterBytes.Length != clusterIdLength)
        {
            throw new ConnectionFramingException($"The preamble ends with {clusterBytes.Length} cluster id bytes; {clusterIdLength} were announced.");
        }

        if (!Ascii.IsValid(clusterBytes))
        {
            throw new ConnectionFramingException("The cluster id is not ASCII.");
        }

        return new ConnectionPreamble(version, Encoding.ASCII.GetString(clusterBytes), new SiloAddress(new IPEndPoint(ip, port), generation));
    }
}
