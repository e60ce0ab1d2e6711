namespace Hemi.Crypto.Secp256k1;

/// <summary>How <see cref="Ecdsa.VerifyDer"/> reads a DER signature.</summary>
public enum DerParsing
{
    /// <summary>Strict DER (BIP66 encoding rules), as required for every block since BIP66 activation.</summary>
    Strict,

    /// <summary>Bitcoin Core's lax parser, which accepts the malformed encodings found in pre-BIP66 blocks.</summary>
    Lax,
}
