using System.Security.Cryptography;

namespace Hemi.Crypto;

/// <summary>HMAC-SHA256 and HMAC-SHA512 (BIP32 uses the latter).</summary>
public static class Hmac
{
    public static byte[] Sha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

    public static byte[] Sha512(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA512.HashData(key, data);
}
