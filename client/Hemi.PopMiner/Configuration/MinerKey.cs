using Hemi.Bitcoin;
using Hemi.Bitcoin.Addresses;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;

namespace Hemi.PopMiner.Configuration;

/// <summary>Reads the miner's private key: 32 bytes of hex (popm's <c>POPM_BITCOIN_SECRET</c>, 0x optional) or a WIF string of the network.</summary>
public static class MinerKey
{
    /// <summary>The key as 64 lower-case hex digits; throws <see cref="FormatException"/> for anything else (the message never echoes the key).</summary>
    public static string ToHex(string text, Network network)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(network);
        var trimmed = text.Trim();
        byte[] secret;
        if (trimmed.Length is 64 or 66 && Hex.TryDecode(trimmed, out var bytes) && bytes.Length == 32)
        {
            secret = bytes;
        }
        else
        {
            try
            {
                var wif = Wif.Decode(trimmed, network);
                if (!wif.Compressed)
                {
                    // popm pays from the P2PKH of the compressed key; an uncompressed WIF names another address.
                    throw new FormatException("The WIF key is for an uncompressed public key; popm uses compressed keys.");
                }

                secret = wif.Secret;
            }
            catch (AddressFormatException)
            {
                throw new FormatException($"The private key is neither 32 bytes of hex nor a {network.Name} WIF key.");
            }
        }

        try
        {
            using var key = PrivateKey.FromBytes(secret);
            return Hex.Encode(secret);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FormatException("The private key is not a valid secp256k1 key.");
        }
        finally
        {
            Array.Clear(secret);
        }
    }
}
