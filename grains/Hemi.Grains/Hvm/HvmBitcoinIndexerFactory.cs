using Hemi.Grains.Indexing;

namespace Hemi.Grains.Hvm;

/// <summary>
/// Plugs the hVM Bitcoin index into every chain grain activation: the activation's indexer restarts the network's
/// index from empty, and the activation then replays its persisted chain into it (its rebuild), so the index follows
/// exactly the blocks and reorgs the chain grain validated.
/// </summary>
public sealed class HvmBitcoinIndexerFactory(IHvmBitcoinIndexProvider indexes) : IBlockIndexerFactory
{
    public IBlockIndexer Create(string networkName) => indexes.GetIndex(networkName).CreateIndexer();
}
