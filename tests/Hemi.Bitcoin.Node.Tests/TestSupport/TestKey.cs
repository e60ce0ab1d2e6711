using Hemi.Bitcoin.Scripts;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Node.Tests.TestSupport;

/// <summary>A deterministic key with its standard output scripts.</summary>
internal sealed class TestKey : IDisposable
{
    public TestKey(byte seed)
    {
        var secret = new byte[32];
        secret[31] = seed;
        secret[0] = 0x11;
        Key = PrivateKey.FromBytes(secret);
        var publicKey = Key.PublicKey.ToCompressed();
        P2pkh = ScriptTemplates.PayToPubKeyHashOfKey(publicKey);
        P2wpkh = ScriptTemplates.PayToWitnessPubKeyHashOfKey(publicKey);
    }

    public PrivateKey Key { get; }

    public byte[] P2pkh { get; }

    public byte[] P2wpkh { get; }

    public void Dispose() => Key.Dispose();
}
