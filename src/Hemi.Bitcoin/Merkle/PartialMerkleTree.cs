namespace Hemi.Bitcoin.Merkle;

/// <summary>
/// Bitcoin Core's CPartialMerkleTree (BIP37 merkleblock / <c>gettxoutproof</c>): a depth-first pruned merkle tree of
/// flag bits and hashes from which the matched txids, their positions and the root are recovered.
/// </summary>
public sealed class PartialMerkleTree
{
    /// <summary>Core bounds the count by the smallest transaction that fits a block: 1,000,000 / 60.</summary>
    public const uint MaxTransactions = 1_000_000 / 60;

    // A tree over MaxTransactions leaves has fewer than 2 × MaxTransactions + 32 nodes, so no usable proof has more
    // flag bytes than this; bounding it at parse time keeps hostile input from inflating into a huge bit array.
    private const int MaxFlagBytes = (int)((2 * MaxTransactions) + 32 + 7) / 8;

    private readonly Hash256[] _hashes;
    private readonly bool[] _bits;

    public PartialMerkleTree(uint transactionCount, IReadOnlyList<Hash256> hashes, IReadOnlyList<bool> flagBits)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(flagBits);
        TransactionCount = transactionCount;
        _hashes = new Hash256[hashes.Count];
        for (var i = 0; i < _hashes.Length; i++)
        {
            _hashes[i] = hashes[i];
        }

        _bits = new bool[flagBits.Count];
        for (var i = 0; i < _bits.Length; i++)
        {
            _bits[i] = flagBits[i];
        }
    }

    private PartialMerkleTree(uint transactionCount, Hash256[] hashes, bool[] bits)
    {
        TransactionCount = transactionCount;
        _hashes = hashes;
        _bits = bits;
    }

    /// <summary>Number of transactions in the block.</summary>
    public uint TransactionCount { get; }

    /// <summary>Hashes in depth-first order.</summary>
    public IReadOnlyList<Hash256> Hashes => _hashes;

    /// <summary>Flag bits in depth-first order (after parsing: all bits of the flag bytes, padding included).</summary>
    public IReadOnlyList<bool> FlagBits => _bits;

    /// <summary>Builds the tree proving the transactions whose <paramref name="matches"/> entry is true.</summary>
    public static PartialMerkleTree Build(IReadOnlyList<Hash256> txIds, IReadOnlyList<bool> matches)
    {
        ArgumentNullException.ThrowIfNull(txIds);
        ArgumentNullException.ThrowIfNull(matches);
        if (txIds.Count != matches.Count)
        {
            throw new ArgumentException("One match flag per transaction is required.", nameof(matches));
        }

        if (txIds.Count == 0)
        {
            throw new ArgumentException("A block has at least one transaction.", nameof(txIds));
        }

        var builder = new Builder(txIds, matches);
        var height = TreeHeight((uint)txIds.Count);
        builder.TraverseAndBuild(height, 0);
        return new PartialMerkleTree((uint)txIds.Count, builder.Hashes.ToArray(), builder.Bits.ToArray());
    }

    /// <summary>Reads the tree: uint32 count, CompactSize + hashes, CompactSize + flag bytes.</summary>
    public static PartialMerkleTree Parse(ref BitcoinReader reader)
    {
        var count = reader.ReadUInt32();
        var hashCount = reader.ReadCount(Hash256.Size, MaxTransactions);
        var hashes = new Hash256[hashCount];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = reader.ReadHash256();
        }

        var flagBytes = reader.ReadVarBytes(MaxFlagBytes);
        var bits = new bool[flagBytes.Length * 8];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = (flagBytes[i >> 3] & (1 << (i & 7))) != 0;
        }

        return new PartialMerkleTree(count, hashes, bits);
    }

    public void WriteTo(BitcoinWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(TransactionCount);
        writer.WriteCompactSize((ulong)_hashes.Length);
        foreach (var hash in _hashes)
        {
            writer.WriteHash256(hash);
        }

        var flagBytes = new byte[(_bits.Length + 7) / 8];
        for (var i = 0; i < _bits.Length; i++)
        {
            if (_bits[i])
            {
                flagBytes[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        writer.WriteVarBytes(flagBytes);
    }

    /// <summary>
    /// Walks the tree and returns the root with the matched txids and their positions. Rejects (with
    /// <see cref="BitcoinFormatException"/>) everything Core's ExtractMatches rejects — zero or too many
    /// transactions, more hashes than transactions, running out of bits or hashes, unused hashes or whole unused
    /// flag bytes, identical left/right siblings (CVE-2012-2459) — and additionally set padding bits after the last
    /// used flag bit, which an honest encoder never produces.
    /// </summary>
    public PartialMerkleMatches ExtractMatches()
    {
        if (TransactionCount == 0)
        {
            throw new BitcoinFormatException("Partial merkle tree with zero transactions.");
        }

        if (TransactionCount > MaxTransactions)
        {
            throw new BitcoinFormatException($"Partial merkle tree claims {TransactionCount} transactions, more than fit in a block.");
        }

        if ((uint)_hashes.Length > TransactionCount)
        {
            throw new BitcoinFormatException("Partial merkle tree has more hashes than transactions.");
        }

        if (_bits.Length < _hashes.Length)
        {
            throw new BitcoinFormatException("Partial merkle tree has fewer flag bits than hashes.");
        }

        var extractor = new Extractor(this);
        var root = extractor.TraverseAndExtract(TreeHeight(TransactionCount), 0);
        if (extractor.Bad)
        {
            throw new BitcoinFormatException(extractor.Problem ?? "Malformed partial merkle tree.");
        }

        if ((extractor.BitsUsed + 7) / 8 != (_bits.Length + 7) / 8)
        {
            throw new BitcoinFormatException("Partial merkle tree has unused flag bytes.");
        }

        for (var i = extractor.BitsUsed; i < _bits.Length; i++)
        {
            if (_bits[i])
            {
                throw new BitcoinFormatException("Partial merkle tree has non-zero padding bits.");
            }
        }

        if (extractor.HashesUsed != _hashes.Length)
        {
            throw new BitcoinFormatException("Partial merkle tree has unused hashes.");
        }

        return new PartialMerkleMatches(root, extractor.Matches, extractor.Indexes);
    }

    private static int TreeHeight(uint transactionCount)
    {
        var height = 0;
        while (TreeWidth(transactionCount, height) > 1)
        {
            height++;
        }

        return height;
    }

    private static uint TreeWidth(uint transactionCount, int height) =>
        (uint)(((ulong)transactionCount + (1UL << height) - 1) >> height);

    private sealed class Builder(IReadOnlyList<Hash256> txIds, IReadOnlyList<bool> matches)
    {
        public List<Hash256> Hashes { get; } = [];

        public List<bool> Bits { get; } = [];

        public void TraverseAndBuild(int height, uint pos)
        {
            var parentOfMatch = false;
            var count = (uint)txIds.Count;
            for (var p = (ulong)pos << height; p < ((ulong)pos + 1) << height && p < count; p++)
            {
                parentOfMatch |= matches[(int)p];
            }

            Bits.Add(parentOfMatch);
            if (height == 0 || !parentOfMatch)
            {
                Hashes.Add(CalcHash(height, pos));
                return;
            }

            TraverseAndBuild(height - 1, pos * 2);
            if (pos * 2 + 1 < TreeWidth(count, height - 1))
            {
                TraverseAndBuild(height - 1, (pos * 2) + 1);
            }
        }

        private Hash256 CalcHash(int height, uint pos)
        {
            if (height == 0)
            {
                return txIds[(int)pos];
            }

            var left = CalcHash(height - 1, pos * 2);
            var right = pos * 2 + 1 < TreeWidth((uint)txIds.Count, height - 1) ? CalcHash(height - 1, (pos * 2) + 1) : left;
            return Hash256.HashPair(left, right);
        }
    }

    private sealed class Extractor(PartialMerkleTree tree)
    {
        public List<Hash256> Matches { get; } = [];

        public List<int> Indexes { get; } = [];

        public int BitsUsed { get; private set; }

        public int HashesUsed { get; private set; }

        public bool Bad { get; private set; }

        public string? Problem { get; private set; }

        public Hash256 TraverseAndExtract(int height, uint pos)
        {
            if (BitsUsed >= tree._bits.Length)
            {
                return Fail("Partial merkle tree ran out of flag bits.");
            }

            var parentOfMatch = tree._bits[BitsUsed++];
            if (height == 0 || !parentOfMatch)
            {
                if (HashesUsed >= tree._hashes.Length)
                {
                    return Fail("Partial merkle tree ran out of hashes.");
                }

                var hash = tree._hashes[HashesUsed++];
                if (height == 0 && parentOfMatch)
                {
                    Matches.Add(hash);
                    Indexes.Add((int)pos);
                }

                return hash;
            }

            var left = TraverseAndExtract(height - 1, pos * 2);
            if (Bad)
            {
                return default;
            }

            Hash256 right;
            if (pos * 2 + 1 < TreeWidth(tree.TransactionCount, height - 1))
            {
                right = TraverseAndExtract(height - 1, (pos * 2) + 1);
                if (Bad)
                {
                    return default;
                }

                if (right == left)
                {
                    // Identical siblings make two different transaction lists share a root (CVE-2012-2459).
                    return Fail("Partial merkle tree has identical sibling subtrees.");
                }
            }
            else
            {
                right = left;
            }

            return Hash256.HashPair(left, right);
        }

        private Hash256 Fail(string problem)
        {
            Bad = true;
            Problem ??= problem;
            return default;
        }
    }
}
