using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Protocol.Finality;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Indexing;

/// <summary>
/// Indexes PoP publications (<see cref="PopScanner"/>) into a <see cref="KeystonePublicationIndex"/>: the first
/// publication of a keystone is the lowest connected block containing it, and disconnecting that block falls back to
/// the next one. Not thread-safe.
/// </summary>
public sealed class PopIndexer : IBlockIndexer
{
    private readonly KeystonePublicationIndex _index = new();
    // Only one block per height is connected at a time (the best chain), which maps index heights back to blocks.
    private readonly Dictionary<uint, Hash256> _blockAtHeight = new();
    private readonly Dictionary<Hash256, (uint Height, int Publications)> _blocks = new();
    private int _publicationCount;

    /// <summary>Connected blocks.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>Publications on the connected blocks.</summary>
    public int PublicationCount => _publicationCount;

    /// <summary>Distinct keystones published on the connected blocks.</summary>
    public int KeystoneCount => _index.KeystoneCount;

    /// <inheritdoc />
    public void ConnectBlock(Block block, int height)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var hash = block.GetHash();
        if (_blocks.ContainsKey(hash))
        {
            return;
        }

        var uheight = (uint)height;
        if (_blockAtHeight.TryGetValue(uheight, out var other))
        {
            throw new InvalidOperationException($"Block {other} is already connected at height {height}; disconnect it before connecting {hash}.");
        }

        var publications = PopScanner.Scan(block);
        _index.ConnectBlock(hash, uheight, publications);
        _blocks.Add(hash, (uheight, publications.Count));
        _blockAtHeight.Add(uheight, hash);
        _publicationCount += publications.Count;
    }

    /// <inheritdoc />
    public void DisconnectBlock(Hash256 blockHash)
    {
        if (!_blocks.Remove(blockHash, out var block))
        {
            return;
        }

        _index.DisconnectBlock(blockHash);
        _blockAtHeight.Remove(block.Height);
        _publicationCount -= block.Publications;
    }

    /// <summary>The first connected publication of a keystone (by abbreviated hash), or null.</summary>
    public KeystonePublication? FirstPublication(Hash256 keystoneHash) => _index.FirstPublication(keystoneHash);

    /// <summary>Every connected publication of a keystone with its block, lowest block first.</summary>
    public IReadOnlyList<(Hash256 BlockHash, uint Height, PopPublication Publication)> Publications(Hash256 keystoneHash) =>
        _index.PublicationsWithin(keystoneHash, uint.MaxValue)
            .Select(p => (_blockAtHeight[p.Height], p.Height, p.Publication))
            .ToArray();
}
