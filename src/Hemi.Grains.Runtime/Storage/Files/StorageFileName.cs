using System.Security.Cryptography;
using System.Text;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// Maps arbitrary strings (state names, grain types and keys, object key segments) to file names that are
/// safe on every file system: only <c>[a-z0-9_-]</c> are kept, every other UTF-8 byte (upper case letters
/// included, for case-insensitive file systems, and '.', so "." / ".." and extensions can never appear)
/// becomes <c>~XX</c>. The empty string is "~". The mapping is injective and reversible.
/// </summary>
public static class StorageFileName
{
    /// <summary>Encoded names longer than this are shortened by <see cref="EncodeBounded"/>.</summary>
    public const int MaxEncodedLength = 180;

    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes <paramref name="value"/>; see the type summary.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "~";
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsKept(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('~').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Like <see cref="Encode"/>, but a name longer than <see cref="MaxEncodedLength"/> keeps a readable
    /// prefix and ends in "~~" plus the SHA-256 of the original value (not reversible).
    /// </summary>
    public static string EncodeBounded(string value)
    {
        var encoded = Encode(value);
        if (encoded.Length <= MaxEncodedLength)
        {
            return encoded;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        var prefix = encoded[..(MaxEncodedLength - 2 - hash.Length)];
        // Never cut an escape sequence in half: the prefix is informative only, but keep it well-formed.
        var tilde = prefix.LastIndexOf('~');
        if (tilde >= 0 && tilde > prefix.Length - 3)
        {
            prefix = prefix[..tilde];
        }

        return prefix + "~~" + hash;
    }

    /// <summary>Reverses <see cref="Encode"/>; <see langword="false"/> for anything <see cref="Encode"/> cannot produce.</summary>
    public static bool TryDecode(string fileName, out string value)
    {
        value = string.Empty;
        if (fileName == "~")
        {
            return true;
        }

        if (fileName.Length == 0)
        {
            return false;
        }

        var bytes = new byte[fileName.Length];
        var count = 0;
        for (var i = 0; i < fileName.Length; i++)
        {
            var c = fileName[i];
            if (c == '~')
            {
                if (i + 2 >= fileName.Length)
                {
                    return false;
                }

                var hi = HexDigits.IndexOf(fileName[i + 1], StringComparison.Ordinal);
                var lo = HexDigits.IndexOf(fileName[i + 2], StringComparison.Ordinal);
                if (hi < 0 || lo < 0)
                {
                    return false;
                }

                var b = (byte)((hi << 4) | lo);
                if (IsKept(b))
                {
                    return false; // not canonical: Encode would have kept it
                }

                bytes[count++] = b;
                i += 2;
            }
            else if (c < 0x80 && IsKept((byte)c))
            {
                bytes[count++] = (byte)c;
            }
            else
            {
                return false;
            }
        }

        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, count);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsKept(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-';
}
