using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Grains.Indexing;

namespace Hemi.Grains.Hvm;

/// <summary>
/// The chain grain's handle on an <see cref="HvmBitcoinIndex"/>: forwards connects and disconnects while it is the
/// index's latest indexer (a newer activation's indexer silences it).
/// </summary>
internal sealed class HvmBitcoinIndexer(HvmBitcoinIndex index, long generation) : IBlockIndexer
{
    public void ConnectBlock(Block block, int height) => index.Connect(generation, block, height);

    public void DisconnectBlock(Hash256 blockHash) => index.Disconnect(generation, blockHash);
}
