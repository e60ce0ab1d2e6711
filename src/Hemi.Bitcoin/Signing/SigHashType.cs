namespace Hemi.Bitcoin.Signing;

/// <summary>Signature hash type flags (the byte appended to ECDSA signatures; optional on Schnorr signatures).</summary>
[Flags]
#pragma warning disable CA1714, CA1008 // Bitcoin's names; Default (0) exists only for taproot.
public enum SigHashType : uint
#pragma warning restore CA1714, CA1008
{
    /// <summary>Taproot only (BIP341): behaves as ALL and is not appended to the signature.</summary>
    Default = 0x00,
    /// <summary>Commit to all inputs and outputs.</summary>
    All = 0x01,
    /// <summary>Commit to no outputs.</summary>
    None = 0x02,
    /// <summary>Commit to the output at the input's index.</summary>
    Single = 0x03,
    /// <summary>Commit to this input only.</summary>
    AnyoneCanPay = 0x80,
}
