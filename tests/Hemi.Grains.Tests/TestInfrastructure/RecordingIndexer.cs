using System.Collections.Concurrent;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Grains.Indexing;

namespace Hemi.Grains.Tests.TestInfrastructure;

/// <summary>An indexer (via its DI factory) that records every connect and disconnect, to check the order a chain grain uses.</summary>
public sealed class RecordingIndexerFactory : IBlockIndexerFactory
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => _events.ToArray();

    public IBlockIndexer Create(string networkName) => new RecordingIndexer(_events);

    private sealed class RecordingIndexer(ConcurrentQueue<string> events) : IBlockIndexer
    {
        public void ConnectBlock(Block block, int height) => events.Enqueue($"+{height}:{block.GetHash()}");

        public void DisconnectBlock(Hash256 blockHash) => events.Enqueue($"-{blockHash}");
    }
}
