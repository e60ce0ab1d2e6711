using Hemi.Crypto;

namespace Hemi.Bitcoin.Addresses;

/// <summary>Base58 with a 4-byte double-SHA256 checksum, as used by legacy addresses and WIF keys.</summary>
public static class Base58Check
{
    /// <summary>Largest payload <see cref="Decode(string)"/> accepts by default (addresses and keys are far smaller).</summary>
    public const int DefaultMaxPayloadLength = 256;

    /// <summary>Encodes the payload followed by its checksum.</summary>
    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[payload.Length + 4];
        payload.CopyTo(buffer);
        Checksum(payload, buffer.AsSpan(payload.Length));
        return Base58.Encode(buffer);
    }

    /// <summary>Decodes and verifies the checksum; returns the payload without it.</summary>
    public static byte[] Decode(string text) => Decode(text, DefaultMaxPayloadLength);

    /// <summary>Decodes a string whose payload is at most <paramref name="maxPayloadLength"/> bytes.</summary>
    public static byte[] Decode(string text, int maxPayloadLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Each Base58 character carries under 6 bits, so a payload of n bytes needs at most ~1.37n+1 characters plus the leading '1's (one per zero byte).
        int maxChars = ((maxPayloadLength + 4) * 138 / 100) + 1 + maxPayloadLength + 4;
        var raw = Base58.Decode(text, maxChars);
        if (raw.Length < 4)
        {
            throw new AddressFormatException(AddressError.TooShort, "Base58Check string shorter than its checksum.");
        }

        if (raw.Length - 4 > maxPayloadLength)
        {
            throw new AddressFormatException(AddressError.ExceedsLengthLimit, $"Base58Check payload longer than {maxPayloadLength} bytes.");
        }

        var payload = raw.AsSpan(0, raw.Length - 4);
        Span<byte> expected = stackalloc byte[4];
        Checksum(payload, expected);
        if (!expected.SequenceEqual(raw.AsSpan(raw.Length - 4)))
        {
            throw new AddressFormatException(AddressError.InvalidChecksum, "Base58Check checksum mismatch.");
        }

        return payload.ToArray();
    }

    private static void Checksum(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256.DoubleHash(payload, hash);
        hash[..4].CopyTo(destination);
    }
}
