namespace Hemi.Protocol.L2.Transactions;

/// <summary>The EIP-2718 type bytes of Hemi's system transactions (the user types are Ethereum's 0, 1 and 2).</summary>
public static class L2TransactionType
{
    /// <summary>Bitcoin Attributes Deposited: <c>updateHvmState</c> on the hVM state predeploy.</summary>
    public const byte BitcoinAttributes = 0x7C;

    /// <summary>PoP payout: <c>mintPoPRewards</c> on the governance token predeploy.</summary>
    public const byte PopPayout = 0x7D;
}
