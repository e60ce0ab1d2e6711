using Hemi.Ethereum;

namespace Hemi.Protocol.Chain;

/// <summary>The fixed L2 addresses Hemi's system transactions and predeploys use.</summary>
public static class SystemAddresses
{
    /// <summary>Sender of the system transactions (0x7C Bitcoin attributes, 0x7D PoP payout). Has no key.</summary>
    public static Address SystemSender { get; } = Address.Parse("0x8888888888888888888888888888888888888888");

    /// <summary>The hVM state predeploy that receives <c>updateHvmState</c>.</summary>
    public static Address HvmState { get; } = Address.Parse("0x8400000000000000000000000000000000000000");

    /// <summary>The governance token predeploy that PoP payouts mint from.</summary>
    public static Address GovernanceToken { get; } = Address.Parse("0x4200000000000000000000000000000000000042");
}
