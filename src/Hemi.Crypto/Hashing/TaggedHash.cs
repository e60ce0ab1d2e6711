using System.Security.Cryptography;
using System.Text;

namespace Hemi.Crypto;

/// <summary>BIP340 tagged hash: SHA256(SHA256(tag) || SHA256(tag) || msg).</summary>
public static class TaggedHash
{
    public static byte[] Hash(string tag, ReadOnlySpan<byte> message)
    {
        var result = new byte[Sha256.HashSize];
        Hash(tag, message, result);
        return result;
    }

    public static void Hash(string tag, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Sha256.CheckDestination(destination);

        Span<byte> tagHash = stackalloc byte[Sha256.HashSize];
        SHA256.HashData(Encoding.UTF8.GetBytes(tag), tagHash);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(tagHash);
        hash.AppendData(tagHash);
        hash.AppendData(message);
        hash.GetHashAndReset(destination);
    }
}
