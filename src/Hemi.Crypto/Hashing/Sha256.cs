using System.Security.Cryptography;

namespace Hemi.Crypto;

/// <summary>SHA-256 and Bitcoin's double SHA-256.</summary>
public static class Sha256
{
    /// <summary>Size of a digest in bytes.</summary>
    public const int HashSize = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        CheckDestination(destination);
        SHA256.HashData(data, destination);
    }

    /// <summary>SHA256(SHA256(data)).</summary>
    public static byte[] DoubleHash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        DoubleHash(data, result);
        return result;
    }

    /// <summary>SHA256(SHA256(data)) into a 32-byte destination.</summary>
    public static void DoubleHash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        CheckDestination(destination);
        Span<byte> first = stackalloc byte[HashSize];
        SHA256.HashData(data, first);
        SHA256.HashData(first, destination);
    }

    internal static void CheckDestination(Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"Destination must be at least {HashSize} bytes.", nameof(destination));
        }
    }
}
