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
        P2shP2wpkh = ScriptTemplates.PayToScriptHashOfScript(P2wpkh);
        var outputKey = Taproot.TweakPublicKey(Key.XOnlyPublicKey, [], out _);
        P2tr = ScriptTemplates.PayToTaproot(outputKey.ToBytes());
    }

    public PrivateKey Key { get; }

    public byte[] P2pkh { get; }

    public byte[] P2wpkh { get; }

    public byte[] P2shP2wpkh { get; }

    public byte[] P2tr { get; }

    public byte[] ScriptOf(string kind) => kind switch
    {
        "p2pkh" => P2pkh,
        "p2wpkh" => P2wpkh,
        "p2sh-p2wpkh" => P2shP2wpkh,
        "p2tr" => P2tr,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public void Dispose() => Key.Dispose();
}
