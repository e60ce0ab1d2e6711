namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>How an hVM precompile call ended.</summary>
public enum HvmPrecompileStatus
{
    /// <summary>The output holds the answer.</summary>
    Success,

    /// <summary>The input is malformed (length, encoding, address). hVM returns empty output, not a revert.</summary>
    InvalidInput,

    /// <summary>The input is well formed but the Bitcoin data does not exist (unknown txid, height above the tip). Empty output.</summary>
    NotFound,

    /// <summary>No Bitcoin view is configured, or the view cannot serve this kind of query. The call fails.</summary>
    BitcoinViewUnavailable,
}
