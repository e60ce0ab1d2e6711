using System.Buffers.Binary;
using System.Text;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// What an external client says first to a gateway (Orleans: a client's <c>ConnectionPreamble</c>): the cluster it
/// wants and its own id; clients have no membership row. Layout (little-endian): <c>magic "HEMC" | protocolVersion:u16 |
/// clusterIdLength:u8 (1..128) | clusterId:ASCII | clientIdLength:u8 (1..128) | clientId:ASCII</c>. The gateway answers
/// with its own silo <see cref="ConnectionPreamble"/>.
/// </summary>
public sealed record ClientPreamble(ushort ProtocolVersion, string ClusterId, string ClientId)
{
    /// <summary>Longest id of either kind.</summary>
    public const int MaxIdLength = 128;

    private static ReadOnlySpan<byte> Magic => "HEMC"u8;

    /// <summary>True when <paramref name="body"/> starts like a client preamble (as opposed to a silo's).</summary>
    public static bool IsClientPreamble(ReadOnlySpan<byte> body) => body.StartsWith(Magic);

    /// <summary>Encodes the preamble body.</summary>
    public byte[] Encode()
    {
        Check(ClusterId, "cluster id");
        Check(ClientId, "client id");
        var buffer = new byte[4 + 2 + 1 + ClusterId.Length + 1 + ClientId.Length];
        var span = buffer.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], ProtocolVersion);
        span[6] = (byte)ClusterId.Length;
        Encoding.ASCII.GetBytes(ClusterId, span[7..]);
        int offset = 7 + ClusterId.Length;
        span[offset] = (byte)ClientId.Length;
        Encoding.ASCII.GetBytes(ClientId, span[(offset + 1)..]);
        return buffer;
    }

    /// <summary>Decodes a client preamble body; every malformation is a <see cref="ConnectionFramingException"/>.</summary>
    public static ClientPreamble Decode(ReadOnlySpan<byte> source)
    {
        if (source.Length < 7 || !source.StartsWith(Magic))
        {
            throw new ConnectionFramingException("Not a Hemi client preamble.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        var rest = source[6..];
        string clusterId = ReadId(ref rest, "cluster id");
        string clientId = ReadId(ref rest, "client id");
        if (!rest.IsEmpty)
        {
            throw new ConnectionFramingException($"{rest.Length} bytes follow the client preamble.");
        }

        return new ClientPreamble(version, clusterId, clientId);
    }

    private static string ReadId(ref ReadOnlySpan<byte> source, string what)
    {
        if (source.IsEmpty)
        {
            throw new ConnectionFramingException($"Truncated client preamble: no {what}.");
        }

        int length = source[0];
        if (length is 0 or > MaxIdLength || source.Length < 1 + length)
        {
            throw new ConnectionFramingException($"The {what} length {length} is invalid or truncated.");
        }

        var bytes = source.Slice(1, length);
        if (!Ascii.IsValid(bytes))
        {
            throw new ConnectionFramingException($"The {what} is not ASCII.");
        }

        source = source[(1 + length)..];
        return Encoding.ASCII.GetString(bytes);
    }

    private static void Check(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is 0 or > MaxIdLength || !Ascii.IsValid(value))
        {
            throw new ArgumentException($"The {what} must be 1 to {MaxIdLength} ASCII characters.");
        }
    }
}
