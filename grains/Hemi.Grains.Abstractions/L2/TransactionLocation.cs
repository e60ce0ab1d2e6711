using Hemi.Ethereum;

namespace Hemi.Grains.L2;

/// <summary>Where a transaction is: in sealed block <paramref name="BlockNumber"/> at <paramref name="Index"/>, or pending when <paramref name="BlockNumber"/> is null.</summary>
public sealed record TransactionLocation(Hash32 TransactionHash, ulong? BlockNumber, int Index)
{
    public bool IsPending => BlockNumber is null;
}
