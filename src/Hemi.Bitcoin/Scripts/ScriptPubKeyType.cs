namespace Hemi.Bitcoin.Scripts;

/// <summary>Standard output script forms (Bitcoin Core's TxoutType).</summary>
public enum ScriptPubKeyType
{
    /// <summary>No standard form.</summary>
    NonStandard,
    /// <summary>&lt;33 or 65-byte pubkey&gt; OP_CHECKSIG.</summary>
    PayToPubKey,
    /// <summary>OP_DUP OP_HASH160 &lt;20&gt; OP_EQUALVERIFY OP_CHECKSIG.</summary>
    PayToPubKeyHash,
    /// <summary>OP_HASH160 &lt;20&gt; OP_EQUAL.</summary>
    PayToScriptHash,
    /// <summary>OP_0 &lt;20&gt;.</summary>
    PayToWitnessPubKeyHash,
    /// <summary>OP_0 &lt;32&gt;.</summary>
    PayToWitnessScriptHash,
    /// <summary>OP_1 &lt;32&gt;.</summary>
    PayToTaproot,
    /// <summary>A witness program of a version or size with no defined meaning yet (v1 non-32-byte, v2..v16).</summary>
    WitnessUnknown,
    /// <summary>OP_RETURN followed only by pushes.</summary>
    NullData,
}
