using Hemi.Bitcoin;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Finality;

/// <summary>
/// Which Bitcoin blocks published which keystones, on the current best chain. Blocks are connected and disconnected
/// as the chain view moves; a keystone's first publication is the lowest connected block that contains it, so a reorg
/// that removes that block falls back to a later publication instead of forgetting the keystone (TBC only keeps the
/// first one, and loses it on unwind). Not thread-safe: its owner (a grain) serializes access.
/// </summary>
public sealed class KeystonePublicationIndex
{
    private readonly Dictionary<Hash256, ConnectedBlock> _blocks = new();
    private readonly Dictionary<Hash256, List<IndexedPublication>> _byKeystone = new();

    /// <summary>Connected blocks.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>Keystones with at least one publication on the connected blocks.</summary>
    public int KeystoneCount => _byKeystone.Count;

    /// <summary>Indexes a block's PoP publications. Connecting the same block twice is a no-op (idempotent replays).</summary>
    /// <returns>Keystones whose first publication changed.</returns>
    public IReadOnlyList<Hash256> ConnectBlock(Hash256 blockHash, uint height, IReadOnlyList<PopPublication> publications)
    {
        ArgumentNullException.ThrowIfNull(publications);
        if (_blocks.ContainsKey(blockHash))
        {
            return [];
        }

        _blocks.Add(blockHash, new ConnectedBlock(height, publications));
        var changed = new List<Hash256>();
        foreach (var publication in publications)
        {
            var keystoneHash = publication.KeystoneHash;
            if (!_byKeystone.TryGetValue(keystoneHash, out var list))
            {
                list = [];
                _byKeystone.Add(keystoneHash, list);
            }

            var before = list.Count == 0 ? null : list[0];
            list.Add(new IndexedPublication(blockHash, height, publication));
            // Lowest height first; on equal heights (two blocks at one height cannot both be connected) keep insertion order.
            list.Sort(static (a, b) => a.Height.CompareTo(b.Height));
            if (!ReferenceEquals(before, list[0]) && !changed.Contains(keystoneHash))
            {
                changed.Add(keystoneHash);
            }
        }

        return changed;
    }

    /// <summary>Removes a block's publications (a reorg). Unknown blocks are ignored.</summary>
    /// <returns>Keystones whose first publication changed (or that are no longer published).</returns>
    public IReadOnlyList<Hash256> DisconnectBlock(Hash256 blockHash)
    {
        if (!_blocks.Remove(blockHash, out var block))
        {
            return [];
        }

        var changed = new List<Hash256>();
        foreach (var publication in block.Publications)
        {
            var keystoneHash = publication.KeystoneHash;
            if (!_byKeystone.TryGetValue(keystoneHash, out var list))
            {
                continue;
            }

            var wasFirst = list.Count > 0 && list[0].BlockHash == blockHash;
            list.RemoveAll(p => p.BlockHash == blockHash);
            if (list.Count == 0)
            {
                _byKeystone.Remove(keystoneHash);
            }

            if (wasFirst && !changed.Contains(keystoneHash))
            {
                changed.Add(keystoneHash);
            }
        }

        return changed;
    }

    /// <summary>The first connected publication of a keystone, or null.</summary>
    public KeystonePublication? FirstPublication(Hash256 keystoneHash) =>
        _byKeystone.TryGetValue(keystoneHash, out var list) && list.Count > 0
            ? new KeystonePublication(list[0].BlockHash, list[0].Height)
            : null;

    /// <summary>
    /// Every connected publication of a keystone from its first block up to <paramref name="depth"/> blocks later
    /// (TBC's <c>l2-keystone-txs-by-abrev-hash</c>, used for payouts), in height order.
    /// </summary>
    public IReadOnlyList<(uint Height, PopPublication Publication)> PublicationsWithin(Hash256 keystoneHash, uint depth)
    {
        if (!_byKeystone.TryGetValue(keystoneHash, out var list) || list.Count == 0)
        {
            return [];
        }

        var first = list[0].Height;
        return list.Where(p => p.Height - first < depth).Select(p => (p.Height, p.Publication)).ToArray();
    }

    private sealed record ConnectedBlock(uint Height, IReadOnlyList<PopPublication> Publications);

    private sealed record IndexedPublication(Hash256 BlockHash, uint Height, PopPublication Publication);
}
