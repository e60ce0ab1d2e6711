using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>A funded development account the silo printed at start: its key and address.</summary>
internal sealed record DevAccount(string PrivateKeyHex, Address Address)
{
    public PrivateKey Key { get; } = PrivateKey.FromBytes(Infrastructure.Hex.Decode(PrivateKeyHex));

    public static DevAccount FromPrivateKey(string hex)
    {
        using var key = PrivateKey.FromBytes(Infrastructure.Hex.Decode(hex));
        return new DevAccount(hex, Address.FromPublicKey(key.PublicKey));
    }
}
