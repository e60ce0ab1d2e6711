namespace Hemi.Grains.L2;

/// <summary>The state of the asked block is not held (future block, or pruned before the last snapshot).</summary>
public sealed class StateUnavailableException : Exception
{
    public StateUnavailableException(ulong blockNumber, string message)
        : base(message)
    {
        BlockNumber = blockNumber;
    }

    public ulong BlockNumber { get; }
}
