using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;

namespace Hemi.Protocol.Pop;

/// <summary>
/// The PoP miner's reward address. A PoP transaction does not name it: it is the Ethereum address of the
/// public key in the first input's scriptSig, which must be a P2PKH-style spend
/// (a 71- or 72-byte signature push, then a 33-byte compressed key push), as heminetwork's
/// <c>ParsePublicKeyFromSignatureScript</c> requires. Anything else earns no reward.
/// </summary>
public static class PopRewardAddress
{
    private const byte OpData33 = 0x21;
    private const byte OpData71 = 0x47;
    private const byte OpData72 = 0x48;
    private const int CompressedKeyLength = 33;

    /// <summary>The miner's public key from a first-input scriptSig, or null when the script has the wrong shape.</summary>
    public static PublicKey? TryGetPublicKey(ReadOnlySpan<byte> scriptSig)
    {
        if (scriptSig.IsEmpty || (scriptSig[0] != OpData71 && scriptSig[0] != OpData72))
        {
            // A 70-byte (or shorter) signature push is rejected on purpose: upstream does the same.
            return null;
        }

        var afterSignature = 1 + scriptSig[0];
        if (scriptSig.Length < afterSignature + 1 + CompressedKeyLength || scriptSig[afterSignature] != OpData33)
        {
            return null;
        }

        var key = scriptSig.Slice(afterSignature + 1, CompressedKeyLength);
        return PublicKey.TryParse(key, out var publicKey) ? publicKey : null;
    }

    /// <summary>The reward address for a first-input scriptSig, or null when none can be derived.</summary>
    public static Address? TryGetAddress(ReadOnlySpan<byte> scriptSig) =>
        TryGetPublicKey(scriptSig) is { } key ? Address.FromPublicKey(key) : null;
}
