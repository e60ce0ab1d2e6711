using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Trie;

namespace Hemi.Ethereum.Tests.Trie;

public sealed class TrieProofTests
{
    [Fact]
    public void Proofs_ForEveryKeyOfARandomTrie_VerifyToTheirValues()
    {
        var (trie, entries) = BuildRandomTrie(2000, seed: 10);
        var root = trie.RootHash;
        foreach (var (key, value) in entries)
        {
            var proof = TrieProof.Generate(trie, key);
            Assert.Equal(value, TrieProof.Verify(root, key, proof));
        }
    }

    [Fact]
    public void Proofs_ForAbsentKeys_VerifyToNull()
    {
        var (trie, entries) = BuildRandomTrie(2000, seed: 11);
        var root = trie.RootHash;
        var random = new Random(12);
        foreach (var (key, _) in entries.Take(200))
        {
            // Same first bytes as a present key, then diverging: the path ends inside the trie.
            var absent = (byte[])key.Clone();
            absent[^1] ^= (byte)(1 + random.Next(255));
            Assert.Null(trie.Get(absent));
            Assert.Null(TrieProof.Verify(root, absent, TrieProof.Generate(trie, absent)));

            // A prefix of a present key ends at a branch without a value.
            var prefix = key[..3];
            Assert.Null(TrieProof.Verify(root, prefix, TrieProof.Generate(trie, prefix)));
        }
    }

    [Fact]
    public void Proofs_OverClusteredKeys_CoverValuesInBranchesAndEmbeddedNodes()
    {
        Prop.ForAll(TrieGenerators.Operations.ToArbitrary(), TrieGenerators.Key.ToArbitrary(), (operations, probe) =>
        {
            var trie = new PatriciaTrie();
            foreach (var (key, value) in operations)
            {
                trie.Put(key, value ?? []);
            }

            var root = trie.RootHash;
            var model = TrieGenerators.Apply(operations);
            var allVerify = model.Values.All(e =>
                TrieProof.Verify(root, e.Key, TrieProof.Generate(trie, e.Key)) is { } proven && proven.AsSpan().SequenceEqual(e.Value));
            var probeExpected = model.TryGetValue(Convert.ToHexString(probe), out var hit) ? hit.Value : null;
            var probeProven = TrieProof.Verify(root, probe, TrieProof.Generate(trie, probe));
            return allVerify && (probeExpected is null ? probeProven is null : probeProven!.AsSpan().SequenceEqual(probeExpected));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TamperedProofs_AreRejected()
    {
        var (trie, entries) = BuildRandomTrie(500, seed: 13);
        var root = trie.RootHash;
        var random = new Random(14);
        foreach (var (key, _) in entries.Take(50))
        {
            var proof = TrieProof.Generate(trie, key);
            for (var i = 0; i < proof.Count; i++)
            {
                var flipped = proof.Select(n => (byte[])n.Clone()).ToArray();
                flipped[i][random.Next(flipped[i].Length)] ^= (byte)(1 + random.Next(255));
                Assert.Throws<TrieProofException>(() => TrieProof.Verify(root, key, flipped));

                var missing = proof.Where((_, j) => j != i).ToArray();
                Assert.Throws<TrieProofException>(() => TrieProof.Verify(root, key, missing));
            }
        }
    }

    [Fact]
    public void Proof_AgainstAnotherRoot_IsRejected()
    {
        var (trie, entries) = BuildRandomTrie(100, seed: 15);
        var key = entries[0].Key;
        var proof = TrieProof.Generate(trie, key);
        var otherRoot = new Hash32(Keccak256.Hash("another root"u8));

        Assert.Throws<TrieProofException>(() => TrieProof.Verify(otherRoot, key, proof));
        Assert.Throws<TrieProofException>(() => TrieProof.Verify(trie.RootHash, key, []));
    }

    [Fact]
    public void EmptyRoot_ProvesEveryKeyAbsent()
    {
        var empty = new PatriciaTrie();
        Assert.Empty(TrieProof.Generate(empty, [1, 2]));
        Assert.Null(TrieProof.Verify(PatriciaTrie.EmptyRootHash, [1, 2], []));
    }

    [Fact]
    public void SingleShortRoot_ProofIsTheRootNode()
    {
        var trie = new PatriciaTrie();
        trie.Put([0x01], [0x02]);
        var proof = TrieProof.Generate(trie, [0x01]);

        Assert.Single(proof);
        Assert.Equal([0x02], TrieProof.Verify(trie.RootHash, [0x01], proof));
        Assert.Null(TrieProof.Verify(trie.RootHash, [0x03], TrieProof.Generate(trie, [0x03])));
    }

    [Fact]
    public void HostileProof_EmbeddedNodeOf32BytesOrMore_IsRejected()
    {
        // A branch whose slot 1 embeds a leaf of 40 bytes: honest tries reference such a node by hash.
        var bigLeaf = Node(HexPrefixLeaf([0x2]), new byte[30]);
        Assert.True(bigLeaf.Length >= 32);
        var branch = Branch((1, bigLeaf, true), (2, Node(HexPrefixLeaf([]), [0x05]), true));

        var error = Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf(branch), [0x12], [branch]));
        Assert.Contains("embedded", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HostileProof_ShortNodeReferencedByHash_IsRejected()
    {
        var shortLeaf = Node(HexPrefixLeaf([0x2]), [0x07]);
        Assert.True(shortLeaf.Length < 32);
        var branch = Branch((1, HashReference(shortLeaf), false), (2, Node(HexPrefixLeaf([]), [0x05]), true));

        Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf(branch), [0x12], [branch, shortLeaf]));
    }

    [Fact]
    public void HostileProof_ExtensionLeadingToLeaf_IsRejected()
    {
        var leaf = Node(HexPrefixLeaf([0x2, 0x3]), new byte[40]);
        var extension = Node(HexPrefix([0x1], isLeaf: false), HashReference(leaf), rawSecond: true);

        Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf(extension), [0x12, 0x30], [extension, leaf]));
    }

    [Fact]
    public void HostileProof_BranchWithOneEntry_IsRejected()
    {
        var branch = Branch((3, Node(HexPrefixLeaf([0x4]), new byte[40]), false));

        Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf(branch), [0x34], [branch]));
    }

    [Fact]
    public void HandBuiltLeafRoot_Verifies()
    {
        // The control for the malformed cases below: leaf, even path [1, 2], value 0x05.
        var node = Convert.FromHexString("c482201205");
        Assert.Equal([0x05], TrieProof.Verify(HashOf(node), [0x12], [node]));
        Assert.Null(TrieProof.Verify(HashOf(node), [0x13], [node]));
    }

    [Theory]
    [InlineData("c0")] // empty list
    [InlineData("c3808080")] // three items
    [InlineData("c3822012")] // one item
    [InlineData("c28080")] // empty hex-prefix path
    [InlineData("c4822012")] // list header longer than the input
    [InlineData("c48220120500")] // trailing byte after the list
    [InlineData("c58220128105")] // non-canonical single-byte string
    [InlineData("c4822012" + "80")] // leaf with empty value
    [InlineData("c482501205")] // flag nibble 5
    [InlineData("c482041205")] // even path with non-zero padding nibble
    [InlineData("e200a01111111111111111111111111111111111111111111111111111111111111111")] // extension with empty path
    [InlineData("8412345678")] // a string, not a list
    public void HostileProof_MalformedRootNode_IsRejected(string hex)
    {
        var node = Convert.FromHexString(hex);
        Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf(node), [0x12], [node]));
    }

    [Fact]
    public void HostileProof_TooManyNodes_IsRejected()
    {
        var proof = Enumerable.Range(0, TrieProof.MaxProofNodes + 1).Select(i => BitConverter.GetBytes(i)).ToArray();
        Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf(proof[0]), [1], proof));
    }

    [Fact]
    public void HostileProof_NullNode_IsRejected()
    {
        Assert.Throws<TrieProofException>(() => TrieProof.Verify(HashOf([0xc0]), [1], [null!]));
    }

    [Fact]
    public void RandomOrMutatedProofs_OnlyEverThrowTrieProofException()
    {
        var (trie, entries) = BuildRandomTrie(300, seed: 16);
        var root = trie.RootHash;
        var proofs = entries.Take(20).Select(e => (e.Key, Proof: TrieProof.Generate(trie, e.Key))).ToArray();

        var mutated =
            from which in Gen.Choose(0, proofs.Length - 1)
            from node in Gen.Choose(0, 10)
            from position in Gen.Choose(0, 600)
            from value in ArbMap.Default.GeneratorFor<byte>()
            select Mutate(proofs[which], node, position, value);
        var garbage =
            from nodes in Gen.ListOf(ArbMap.Default.GeneratorFor<byte[]>())
            from key in ArbMap.Default.GeneratorFor<byte[]>()
            select (Key: key, Proof: (IReadOnlyList<byte[]>)nodes.ToArray(), Root: nodes.Count > 0 ? HashOf(nodes[0]) : root);

        Prop.ForAll(mutated.ToArbitrary(), input => VerifiesOrThrowsProofException(root, input.Key, input.Proof)).QuickCheckThrowOnFailure();

        // Re-rooted at the damaged first node, so the decoder (not just the hash lookup) sees every mutation.
        var reRooted =
            from which in Gen.Choose(0, proofs.Length - 1)
            from position in Gen.Choose(0, 600)
            from value in ArbMap.Default.GeneratorFor<byte>()
            from cut in Gen.Choose(1, 600)
            select ReRoot(proofs[which], position, value, cut);
        Prop.ForAll(reRooted.ToArbitrary(), input => VerifiesOrThrowsProofException(input.Root, input.Key, input.Proof)).QuickCheckThrowOnFailure();
        Prop.ForAll(garbage.ToArbitrary(), input => VerifiesOrThrowsProofException(input.Root, input.Key, input.Proof)).QuickCheckThrowOnFailure();
    }

    internal static (PatriciaTrie Trie, List<(byte[] Key, byte[] Value)> Entries) BuildRandomTrie(int count, int seed)
    {
        var random = new Random(seed);
        var trie = new PatriciaTrie();
        var entries = new List<(byte[], byte[])>();
        for (var i = 0; i < count; i++)
        {
            var key = new byte[random.Next(4) == 0 ? 8 : 32];
            random.NextBytes(key);
            var value = new byte[1 + random.Next(i % 3 == 0 ? 3 : 70)];
            random.NextBytes(value);
            trie.Put(key, value);
            entries.Add((key, value));
        }

        return (trie, entries);
    }

    private static bool VerifiesOrThrowsProofException(Hash32 root, byte[] key, IReadOnlyList<byte[]> proof)
    {
        try
        {
            _ = TrieProof.Verify(root, key, proof);
            return true;
        }
        catch (TrieProofException)
        {
            return true;
        }
    }

    private static (byte[] Key, IReadOnlyList<byte[]> Proof) Mutate((byte[] Key, IReadOnlyList<byte[]> Proof) input, int node, int position, byte value)
    {
        var copy = input.Proof.Select(n => (byte[])n.Clone()).ToArray();
        var target = copy[node % copy.Length];
        target[position % target.Length] = value;
        return (input.Key, copy);
    }

    private static (Hash32 Root, byte[] Key, IReadOnlyList<byte[]> Proof) ReRoot((byte[] Key, IReadOnlyList<byte[]> Proof) input, int position, byte value, int cut)
    {
        var damaged = (byte[])input.Proof[0].Clone();
        damaged[position % damaged.Length] = value;
        damaged = damaged[..Math.Min(cut, damaged.Length)];
        var proof = input.Proof.ToArray();
        proof[0] = damaged;
        return (HashOf(damaged), input.Key, proof);
    }

    private static Hash32 HashOf(byte[] node) => new(Keccak256.Hash(node));

    private static byte[] HashReference(byte[] node) => Hemi.Ethereum.Rlp.Rlp.EncodeString(Keccak256.Hash(node));

    private static byte[] HexPrefixLeaf(byte[] nibbles) => HexPrefix(nibbles, isLeaf: true);

    private static byte[] HexPrefix(byte[] nibbles, bool isLeaf)
    {
        var odd = nibbles.Length % 2 == 1;
        var result = new byte[(nibbles.Length / 2) + 1];
        result[0] = (byte)(((isLeaf ? 2 : 0) + (odd ? 1 : 0)) << 4);
        var next = 0;
        if (odd)
        {
            result[0] |= nibbles[0];
            next = 1;
        }

        for (var i = 1; i < result.Length; i++, next += 2)
        {
            result[i] = (byte)((nibbles[next] << 4) | nibbles[next + 1]);
        }

        return result;
    }

    private static byte[] Node(byte[] path, byte[] second, bool rawSecond = false)
    {
        var writer = new RlpWriter();
        writer.BeginList();
        writer.WriteString(path);
        if (rawSecond)
        {
            writer.WriteRaw(second);
        }
        else
        {
            writer.WriteString(second);
        }

        writer.EndList();
        return writer.ToArray();
    }

    private static byte[] Branch(params (int Index, byte[] Child, bool Embedded)[] children)
    {
        var writer = new RlpWriter();
        writer.BeginList();
        for (var i = 0; i < 16; i++)
        {
            var slot = children.FirstOrDefault(c => c.Index == i);
            if (slot.Child is null)
            {
                writer.WriteString([]);
            }
            else if (slot.Embedded)
            {
                writer.WriteRaw(slot.Child);
            }
            else
            {
                writer.WriteRaw(slot.Child.Length == 33 ? slot.Child : HashReference(slot.Child));
            }
        }

        writer.WriteString([]);
        writer.EndList();
        return writer.ToArray();
    }
}
