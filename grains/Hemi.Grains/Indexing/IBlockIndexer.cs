using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;

namespace Hemi.Grains.Indexing;

/// <summary>
/// Derived data kept in step with the best chain by <c>BitcoinChainGrain</c>: blocks are connected lowest first and,
/// on a reorg, disconnected highest first before the new branch is connected. Called from one grain turn at a time.
/// </summary>
public interface IBlockIndexer
{
    /// <summary>A block joined the best chain at <paramref name="height"/>.</summary>
    void ConnectBlock(Block block, int height);

    /// <summary>A block left the best chain (unknown hashes are ignored).</summary>
    void DisconnectBlock(Hash256 blockHash);
}
