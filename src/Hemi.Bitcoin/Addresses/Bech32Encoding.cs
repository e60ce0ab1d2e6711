namespace Hemi.Bitcoin.Addresses;

/// <summary>The two checksum variants: BIP173 Bech32 and BIP350 Bech32m.</summary>
public enum Bech32Encoding
{
    /// <summary>BIP173 (checksum constant 1); segwit v0 addresses.</summary>
    Bech32,
    /// <summary>BIP350 (checksum constant 0x2bc830a3); segwit v1+ addresses.</summary>
    Bech32m,
}
