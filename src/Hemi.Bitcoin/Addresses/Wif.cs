using System.Diagnostics.CodeAnalysis;

namespace Hemi.Bitcoin.Addresses;

/// <summary>Wallet Import Format: Base58Check of network prefix ‖ 32-byte secret ‖ optional 0x01 compressed flag.</summary>
public static class Wif
{
    // secp256k1 group order n, big-endian: a valid secret is 1..n-1.
    private static readonly byte[] CurveOrder = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

    /// <summary>Encodes a 32-byte secret for the network.</summary>
    public static string Encode(ReadOnlySpan<byte> secret, bool compressed, Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (secret.Length != 32 || !IsValidSecret(secret))
        {
            throw new ArgumentException("Secret must be 32 bytes in 1..n-1.", nameof(secret));
        }

        var prefix = network.Base58SecretKeyPrefix;
        var payload = new byte[prefix.Length + 32 + (compressed ? 1 : 0)];
        prefix.CopyTo(payload, 0);
        secret.CopyTo(payload.AsSpan(prefix.Length));
        if (compressed)
        {
            payload[^1] = 1;
        }

        try
        {
            return Base58Check.Encode(payload);
        }
        finally
        {
            Array.Clear(payload);
        }
    }

    /// <summary>Decodes a WIF string for the network; throws <see cref="AddressFormatException"/>.</summary>
    public static WifKey Decode(string wif, Network network)
    {
        ArgumentNullException.ThrowIfNull(wif);
        ArgumentNullException.ThrowIfNull(network);
        var payload = Base58Check.Decode(wif, 64);
        try
        {
            var prefix = network.Base58SecretKeyPrefix;
            if (!payload.AsSpan().StartsWith(prefix))
            {
                throw new AddressFormatException(AddressError.UnknownVersion, "WIF prefix is not this network's secret key prefix.");
            }

            int rest = payload.Length - prefix.Length;
            bool compressed;
            if (rest == 32)
            {
                compressed = false;
            }
            else if (rest == 33 && payload[^1] == 1)
            {
                compressed = true;
            }
            else
            {
                throw new AddressFormatException(AddressError.InvalidLength, "WIF payload has the wrong length or compression flag.");
            }

            var secret = payload.AsSpan(prefix.Length, 32);
            if (!IsValidSecret(secret))
            {
                throw new AddressFormatException(AddressError.InvalidLength, "WIF secret is zero or not below the curve order.");
            }

            return new WifKey(secret.ToArray(), compressed);
        }
        finally
        {
            Array.Clear(payload);
        }
    }

    /// <summary>Non-throwing form of <see cref="Decode"/>.</summary>
    public static bool TryDecode(string? wif, Network network, [NotNullWhen(true)] out WifKey? key)
    {
        key = null;
        if (wif is null)
        {
            return false;
        }

        try
        {
            key = Decode(wif, network);
            return true;
        }
        catch (AddressFormatException)
        {
            return false;
        }
    }

    private static bool IsValidSecret(ReadOnlySpan<byte> secret) =>
        secret.IndexOfAnyExcept((byte)0) >= 0 && secret.SequenceCompareTo(CurveOrder) < 0;
}
