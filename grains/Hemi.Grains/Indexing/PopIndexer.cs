using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Grains.Pop;
using Hemi.Protocol.Finality;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Indexing;

/// <summary>
/// Indexes PoP publications (<see cref="PopScanner"/>) into a <see cref="KeystonePublicationIndex"/>: the first
/// publication of a keystone is the lowest connected block containing it, and disconnecting that block falls back to
/// the next one. With submission tracking on, it also remembers which <see cref="PopSubmission"/> records changed since
/// the last <see cref="AcknowledgeSubmissionChanges"/> (the chain grain writes them to <c>IPopSubmissionGrain</c>s).
/// Not thread-safe.
/// </summary>
public sealed class PopIndexer(bool trackSubmissions = false) : IBlockIndexer
{
    private readonly KeystonePublicationIndex _index = new();
    // Only one block per height is connected at a time (the best chain), which maps index heights back to blocks.
    private readonly Dictionary<uint, Hash256> _blockAtHeight = new();
    private readonly Dictionary<Hash256, ConnectedBlock> _blocks = new();
    private readonly HashSet<Hash256> _dirtyKeystones = new();
    private readonly List<(Hash256 TxId, Hash256 BlockHash)> _disconnected = [];
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
        // Keep the publishing transactions (not the block) so submissions can carry them.
        var transactions = trackSubmissions
            ? publications.Select(p => block.Transactions[p.TransactionIndex]).ToArray()
            : [];
        _blocks.Add(hash, new ConnectedBlock(uheight, publications, transactions));
        _blockAtHeight.Add(uheight, hash);
        _publicationCount += publications.Count;
        if (trackSubmissions)
        {
            foreach (var publication in publications)
            {
                _dirtyKeystones.Add(publication.KeystoneHash);
            }
        }
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
        _publicationCount -= block.Publications.Count;
        if (trackSubmissions)
        {
            foreach (var publication in block.Publications)
            {
                // The keystone's other publications may now count from a different first block.
                _dirtyKeystones.Add(publication.KeystoneHash);
                _disconnected.Add((publication.TxId, blockHash));
            }
        }
    }

    /// <summary>The first connected publication of a keystone (by abbreviated hash), or null.</summary>
    public KeystonePublication? FirstPublication(Hash256 keystoneHash) => _index.FirstPublication(keystoneHash);

    /// <summary>Every connected publication of a keystone with its block, lowest block first.</summary>
    public IReadOnlyList<(Hash256 BlockHash, uint Height, PopPublication Publication)> Publications(Hash256 keystoneHash) =>
        _index.PublicationsWithin(keystoneHash, uint.MaxValue)
            .Select(p => (_blockAtHeight[p.Height], p.Height, p.Publication))
            .ToArray();

    /// <summary>
    /// The publications that earn rewards: fewer than <see cref="PopPayout.MaximumBtcPublicationDelay"/> blocks after the
    /// first one, with a reward address; lowest block first.
    /// </summary>
    public IReadOnlyList<(Hash256 BlockHash, uint Height, uint RelativeBlock, PopPublication Publication)> RewardPublications(Hash256 keystoneHash)
    {
        if (_index.FirstPublication(keystoneHash) is not { } first)
        {
            return [];
        }

        return _index.PublicationsWithin(keystoneHash, PopPayout.MaximumBtcPublicationDelay)
            .Where(p => p.Publication.RewardAddress is not null)
            .Select(p => (_blockAtHeight[p.Height], p.Height, p.Height - first.BlockHeight, p.Publication))
            .ToArray();
    }

    /// <summary>
    /// The submissions to write since the last acknowledgement: the disconnected ones to mark unindexed (transaction,
    /// block), then the current record of every publication of each keystone touched (connected, or its first
    /// publication possibly moved). Empty unless submission tracking is on.
    /// </summary>
    public PopSubmissionChanges GetSubmissionChanges()
    {
        var indexed = new List<PopSubmission>();
        foreach (var keystoneHash in _dirtyKeystones)
        {
            if (_index.FirstPublication(keystoneHash) is not { } first)
            {
                continue;
            }

            foreach (var (height, publication) in _index.PublicationsWithin(keystoneHash, uint.MaxValue))
            {
                var blockHash = _blockAtHeight[height];
                var block = _blocks[blockHash];
                var transaction = block.Transactions[IndexOf(block.Publications, publication)];
                indexed.Add(ToSubmission(blockHash, height, first.BlockHeight, publication, transaction));
            }
        }

        var unindexed = _disconnected.Select(d => (d.TxId.ToString(), d.BlockHash.ToString())).ToArray();
        return new PopSubmissionChanges(unindexed, indexed);
    }

    /// <summary>Forgets the changes returned by <see cref="GetSubmissionChanges"/> once they are written.</summary>
    public void AcknowledgeSubmissionChanges()
    {
        _dirtyKeystones.Clear();
        _disconnected.Clear();
    }

    private static int IndexOf(IReadOnlyList<PopPublication> publications, PopPublication publication)
    {
        for (var i = 0; i < publications.Count; i++)
        {
            if (ReferenceEquals(publications[i], publication))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Publication {publication.TxId}:{publication.OutputIndex} is not in its block.");
    }

    private static PopSubmission ToSubmission(Hash256 blockHash, uint height, uint firstHeight, PopPublication publication, Transaction transaction)
    {
        var key = transaction.Inputs.Count > 0 ? PopRewardAddress.TryGetPublicKey(transaction.Inputs[0].ScriptSig) : null;
        var relative = (int)(height - firstHeight);
        return new PopSubmission(
            publication.TxId.ToString(),
            transaction.ToHex(),
            blockHash.ToString(),
            (int)height,
            publication.TransactionIndex,
            publication.OutputIndex,
            publication.KeystoneHash.ToString(),
            Hex.Encode(publication.Keystone.ToBytes()),
            key is null ? null : Hex.Encode(key.ToCompressed()),
            publication.RewardAddress?.ToString(),
            (int)firstHeight,
            relative,
            relative < PopPayout.MaximumBtcPublicationDelay,
            Indexed: true);
    }

    private sealed record ConnectedBlock(uint Height, IReadOnlyList<PopPublication> Publications, IReadOnlyList<Transaction> Transactions);
}
