using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Merkle;
using Hemi.Bitcoin.Tests.Transactions;

namespace Hemi.Bitcoin.Tests.Merkle;

public sealed class MerkleTreeTests
{
    private static Hash256 Leaf(int i) => Hash256.DoubleSha256(BitConverter.GetBytes(i));

    private static List<Hash256> Leaves(int n) => Enumerable.Range(0, n).Select(Leaf).ToList();

    [Fact]
    public void ComputeRoot_SmallTrees_FollowTheDuplicateLastRule()
    {
        Assert.Equal(Hash256.Zero, MerkleTree.ComputeRoot([]));
        Assert.Equal(Leaf(0), MerkleTree.ComputeRoot([Leaf(0)]));
        var ab = Hash256.HashPair(Leaf(0), Leaf(1));
        var cc = Hash256.HashPair(Leaf(2), Leaf(2));
        Assert.Equal(ab, MerkleTree.ComputeRoot(Leaves(2)));
        Assert.Equal(Hash256.HashPair(ab, cc), MerkleTree.ComputeRoot(Leaves(3), out var mutated));
        Assert.False(mutated);
    }

    [Fact]
    public void ComputeRoot_FlagsTheCve2012_2459Mutation()
    {
        // [a, b, c] and [a, b, c, c] share a root; the second is the mutated form.
        var three = Leaves(3);
        var four = new List<Hash256>(three) { three[2] };
        Assert.Equal(MerkleTree.ComputeRoot(three, out var m3), MerkleTree.ComputeRoot(four, out var m4));
        Assert.False(m3);
        Assert.True(m4);
    }

    [Fact]
    public void Branch_VerifiesEveryLeaf_ForAnyTreeSize() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 40)), n =>
        {
            var leaves = Leaves(n);
            var root = MerkleTree.ComputeRoot(leaves);
            for (var i = 0; i < n; i++)
            {
                var branch = MerkleBranch.Build(leaves, i);
                if (!branch.Verify(leaves[i], root) || branch.Verify(Leaf(1000), root))
                {
                    return false;
                }

            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Branch_RejectsIndexBeyondTheDepth()
    {
        var leaves = Leaves(4);
        var branch = MerkleBranch.Build(leaves, 1);
        Assert.False(new MerkleBranch(1 + 4, branch.Siblings).Verify(leaves[1], MerkleTree.ComputeRoot(leaves)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleBranch.Build(leaves, 4));
    }

    [Fact]
    public void PartialTree_BuildExtractRoundTrip_ForRandomMatches() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 300).SelectMany(n => Gen.ArrayOf(Gen.Elements(false, false, false, true), n))), matches =>
        {
            var leaves = Leaves(matches.Length);
            var tree = PartialMerkleTree.Build(leaves, matches);
            var writer = new BitcoinWriter();
            tree.WriteTo(writer);
            var reader = new BitcoinReader(writer.WrittenSpan);
            var parsed = PartialMerkleTree.Parse(ref reader);
            var result = parsed.ExtractMatches();
            var expectedIndexes = Enumerable.Range(0, matches.Length).Where(i => matches[i]).ToList();
            return reader.IsAtEnd
                && result.Root == MerkleTree.ComputeRoot(leaves)
                && result.MatchedIndexes.SequenceEqual(expectedIndexes)
                && result.MatchedTxIds.SequenceEqual(expectedIndexes.Select(i => leaves[i]));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void PartialTree_RejectsMalformedTrees()
    {
        var leaves = Leaves(7);
        bool[] matches = [false, true, false, false, false, true, false];
        var good = PartialMerkleTree.Build(leaves, matches);
        Assert.Equal(MerkleTree.ComputeRoot(leaves), good.ExtractMatches().Root);

        static void Rejects(uint count, IReadOnlyList<Hash256> hashes, IReadOnlyList<bool> bits) =>
            Assert.Throws<BitcoinFormatException>(() => new PartialMerkleTree(count, hashes, bits).ExtractMatches());

        var bits = good.FlagBits.ToList();
        var padded = bits.Concat(Enumerable.Repeat(false, (8 - (bits.Count % 8)) % 8)).ToList();
        Rejects(0, good.Hashes, padded); // zero transactions
        Rejects(PartialMerkleTree.MaxTransactions + 1, good.Hashes, padded); // more than fit in a block
        Rejects(2, good.Hashes, padded); // more hashes than transactions
        Rejects(7, [.. good.Hashes, Leaf(99)], padded); // unused hash
        Rejects(7, good.Hashes.Take(good.Hashes.Count - 1).ToList(), padded); // ran out of hashes
        Rejects(7, good.Hashes, [.. padded, .. Enumerable.Repeat(false, 8)]); // unused flag byte
        Rejects(7, good.Hashes, bits.Take(bits.Count - 1).ToList()); // ran out of bits
        if (bits.Count % 8 != 0)
        {
            var dirty = padded.ToList();
            dirty[^1] = true;
            Rejects(7, good.Hashes, dirty); // non-zero padding bit
        }

        // Identical sibling subtrees (CVE-2012-2459): a proof over [a, b, c, c] claiming 4 transactions.
        var mutated = new List<Hash256> { leaves[0], leaves[1], leaves[2], leaves[2] };
        var evil = PartialMerkleTree.Build(mutated, [false, false, true, false]);
        Assert.Throws<BitcoinFormatException>(() => evil.ExtractMatches());
    }

    [Fact]
    public void PartialTree_Parse_BoundsHashAndFlagCountsBeforeAllocating()
    {
        static void Rejects(BitcoinWriter writer) => Assert.Throws<BitcoinFormatException>(() =>
        {
            var reader = new BitcoinReader(writer.WrittenSpan);
            PartialMerkleTree.Parse(ref reader);
        });

        var tooManyHashes = new BitcoinWriter();
        tooManyHashes.WriteUInt32(5);
        tooManyHashes.WriteCompactSize(PartialMerkleTree.MaxTransactions + 1);
        tooManyHashes.WriteBytes(new byte[32 * (PartialMerkleTree.MaxTransactions + 1)]);
        tooManyHashes.WriteVarBytes([1]);
        Rejects(tooManyHashes);

        var tooManyFlags = new BitcoinWriter();
        tooManyFlags.WriteUInt32(5);
        tooManyFlags.WriteCompactSize(0);
        tooManyFlags.WriteVarBytes(new byte[5000]);
        Rejects(tooManyFlags);
    }

    [Fact]
    public void PartialTree_Parse_RandomGarbage_OnlyThrowsFormatException() =>
        Prop.ForAll(Arb.From(TransactionGenerators.Bytes(200)), raw =>
        {
            try
            {
                var reader = new BitcoinReader(raw);
                PartialMerkleTree.Parse(ref reader).ExtractMatches();
            }
            catch (BitcoinFormatException)
            {
            }

            try
            {
                MerkleBlock.Parse(raw);
            }
            catch (BitcoinFormatException)
            {
            }

            return true;
        }).QuickCheckThrowOnFailure();
}
