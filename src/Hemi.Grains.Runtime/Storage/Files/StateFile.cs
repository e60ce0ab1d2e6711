using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// The on-disk form of one state record: an ASCII header line
/// <c>hemi-state 1 &lt;etag&gt; &lt;payload length&gt; &lt;sha256 of payload&gt;\n</c> followed by the payload
/// (the serializer's JSON envelope). The length and hash make truncated or altered files detectable.
/// </summary>
internal static class StateFile
{
    public const int MaxHeaderLength = 160;
    private const string Magic = "hemi-state";
    private const int FormatVersion = 1;

    public static byte[] BuildHeader(string eTag, ReadOnlySpan<byte> payload)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(payload));
        return Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{Magic} {FormatVersion} {eTag} {payload.Length} {hash}\n"));
    }

    /// <summary>Reads only the header's ETag (for the write/clear conditions); <see langword="null"/> when the file is missing.</summary>
    public static string? ReadETag(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        using (stream)
        {
            Span<byte> buffer = stackalloc byte[MaxHeaderLength];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return ParseHeader(buffer[..read], stream.Length, path).ETag;
        }
    }

    /// <summary>Reads and verifies a whole file; <see langword="null"/> when it is missing.</summary>
    public static (string ETag, byte[] Payload)? Read(string path, int maxFileBytes)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var length = stream.Length;
            if (length > maxFileBytes)
            {
                throw new GrainStorageException(
                    $"State file '{path}' is {length} bytes, above the {maxFileBytes}-byte limit.");
            }

            content = new byte[length];
            var read = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            if (read != content.Length)
            {
                throw new GrainStorageException($"State file '{path}' changed size while being read.");
            }
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var header = ParseHeader(content.AsSpan(0, Math.Min(content.Length, MaxHeaderLength)), content.Length, path);
        var payload = content.AsMemory(header.HeaderLength);
        var hash = SHA256.HashData(payload.Span);
        if (!Convert.FromHexString(header.Sha256Hex).AsSpan().SequenceEqual(hash))
        {
            throw new GrainStorageException($"State file '{path}' is corrupt: its content does not match the recorded SHA-256.");
        }

        return (header.ETag, payload.ToArray());
    }

    private static Header ParseHeader(ReadOnlySpan<byte> start, long fileLength, string path)
    {
        var newline = start.IndexOf((byte)'\n');
        if (newline < 0)
        {
            throw Corrupt(path, "no header line");
        }

        foreach (var b in start[..newline])
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw Corrupt(path, "non-ASCII header");
            }
        }

        var parts = Encoding.ASCII.GetString(start[..newline]).Split(' ');
        if (parts.Length != 5 || parts[0] != Magic)
        {
            throw Corrupt(path, "unrecognised header");
        }

        if (parts[1] != "1")
        {
            throw Corrupt(path, $"unsupported file format version '{parts[1]}'");
        }

        var eTag = parts[2];
        if (eTag.Length is 0 or > 64 || !eTag.All(char.IsAsciiLetterOrDigit))
        {
            throw Corrupt(path, "malformed ETag");
        }

        if (parts[3].Length is 0 or > 10 || !parts[3].All(char.IsAsciiDigit) ||
            !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var payloadLength))
        {
            throw Corrupt(path, "malformed payload length");
        }

        var headerLength = newline + 1;
        if (headerLength + payloadLength != fileLength)
        {
            throw Corrupt(path, $"payload is {fileLength - headerLength} bytes but the header records {payloadLength} (truncated or extended)");
        }

        if (parts[4].Length != 64 || !parts[4].All(char.IsAsciiHexDigitLower))
        {
            throw Corrupt(path, "malformed SHA-256");
        }

        return new Header(eTag, headerLength, parts[4]);
    }

    private static GrainStorageException Corrupt(string path, string why) =>
        new($"State file '{path}' is corrupt: {why}.");

    private readonly record struct Header(string ETag, int HeaderLength, string Sha256Hex);
}
