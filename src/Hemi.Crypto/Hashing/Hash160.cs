namespace Hemi.Crypto;

/// <summary>Bitcoin's HASH160: RIPEMD160(SHA256(data)).</summary>
public static class Hash160
{
    public const int HashSize = 20;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> sha = stackalloc byte[Sha256.HashSize];
        Sha256.Hash(data, sha);
        Ripemd160.Hash(sha, destination);
    }
}
