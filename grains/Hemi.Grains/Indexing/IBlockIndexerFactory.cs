namespace Hemi.Grains.Indexing;

/// <summary>
/// Registered in DI to add indexers to every chain grain activation; each activation gets its own instances because
/// indexers are stateful and not thread-safe.
/// </summary>
public interface IBlockIndexerFactory
{
    /// <summary>A new indexer for the chain of <paramref name="networkName"/>.</summary>
    IBlockIndexer Create(string networkName);
}
