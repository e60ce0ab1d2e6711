namespace Hemi.Grains.L2;

/// <summary>A call failed whatever the gas (<c>eth_estimateGas</c>); carries the revert data and reason.</summary>
public sealed class CallRevertedException : Exception
{
    public CallRevertedException(string reason, byte[] revertData)
        : base(reason)
    {
        RevertData = revertData;
    }

    public byte[] RevertData { get; }
}
