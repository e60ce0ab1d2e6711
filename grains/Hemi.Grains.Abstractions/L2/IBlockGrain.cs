using Hemi.Grains.Runtime;
using Hemi.Protocol.L2.Assembly;

namespace Hemi.Grains.L2;

/// <summary>One sealed L2 block (key: block number), read from the block log; immutable once written.</summary>
public interface IBlockGrain : IGrainWithIntegerKey
{
    /// <summary>The sealed block with its transactions and execution results (receipts, senders, gas), or null when not sealed yet.</summary>
    [ReadOnly]
    Task<SealedL2Block?> GetBlockAsync();
}
