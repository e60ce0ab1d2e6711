namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>The phase-0 hVM precompiles; each value is the last byte of the precompile's address (0x00…00XX).</summary>
public enum HvmPrecompile : byte
{
    /// <summary>0x40: balance in sats of an ASCII Bitcoin address → uint64.</summary>
    BtcBalAddr = 0x40,

    /// <summary>0x41: a page of an address's UTXOs.</summary>
    BtcUtxosAddrList = 0x41,

    /// <summary>0x42: selected fields of a transaction by txid.</summary>
    BtcTxByTxid = 0x42,

    /// <summary>0x43: confirmations of a transaction (tip height − block height + 1) → uint32.</summary>
    BtcTxConfirmations = 0x43,

    /// <summary>0x44: hVM's latest header as a 116-byte record.</summary>
    BtcLastHeader = 0x44,

    /// <summary>0x45: the canonical header at a height as a 116-byte record.</summary>
    BtcHeaderN = 0x45,

    /// <summary>0x46: the scriptPubKey of an ASCII Bitcoin address.</summary>
    BtcAddrToScript = 0x46,
}
