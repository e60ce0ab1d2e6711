using Hemi.Crypto;
using Hemi.Ethereum.Rlp;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// Decodes stored or proof-supplied node RLP into nodes, enforcing the canonical layout so a hostile
/// encoding cannot describe a trie that an honest writer would never produce.
/// </summary>
internal static class TrieNodeDecoder
{
    private const int BranchItems = 17;

    /// <summary>Decodes a node that is referenced by hash (or is a root); its children arrive as hash nodes or embedded nodes.</summary>
    /// <param name="encoded">The node RLP.</param>
    /// <param name="isRoot">A root may be shorter than 32 bytes; any other hash-referenced node must not be, or it would have been embedded.</param>
    public static TrieNode Decode(byte[] encoded, bool isRoot)
    {
        if (!isRoot && encoded.Length < 32)
        {
            throw new TrieException($"A {encoded.Length}-byte node is referenced by hash; nodes under 32 bytes must be embedded in their parent.");
        }

        TrieNode node;
        try
        {
            node = DecodeBody(encoded);
        }
        catch (RlpException e)
        {
            throw new TrieException("A trie node is not valid RLP: " + e.Message, e);
        }

        if (encoded.Length < 32)
        {
            node.Reference = encoded;
        }
        else
        {
            var reference = new byte[TrieNodeEncoder.HashReferenceLength];
            reference[0] = 0xa0;
            Keccak256.Hash(encoded, reference.AsSpan(1));
            node.Reference = reference;
        }

        node.Persisted = true;
        return node;
    }

    private static TrieNode DecodeBody(ReadOnlySpan<byte> encoded)
    {
        var outer = new RlpReader(encoded);
        var items = outer.EnterList();
        outer.EnsureEnd();

        var count = 0;
        for (var probe = items; probe.HasMore && count <= BranchItems; count++)
        {
            probe.Skip();
        }

        return count switch
        {
            2 => DecodeShortNode(ref items),
            BranchItems => DecodeBranch(ref items),
            _ => throw new TrieException($"A trie node is a list of 2 or 17 items; this one has {(count > BranchItems ? "more than 17" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}."),
        };
    }

    private static TrieNode DecodeShortNode(ref RlpReader items)
    {
        var path = Nibbles.DecodeHexPrefix(items.ReadString(), out var isLeaf);
        if (isLeaf)
        {
            var value = items.ReadString();
            if (value.IsEmpty)
            {
                throw new TrieException("A leaf holds an empty value; empty values are deletions and are never stored.");
            }

            return new LeafNode(path, value.ToArray());
        }

        if (path.Length == 0)
        {
            throw new TrieException("An extension node has an empty path.");
        }

        var child = DecodeChildReference(items.ReadRaw())
            ?? throw new TrieException("An extension node has no child.");
        if (child is not (BranchNode or HashNode))
        {
            throw new TrieException("An extension node must lead to a branch.");
        }

        return new ExtensionNode(path, child);
    }

    private static BranchNode DecodeBranch(ref RlpReader items)
    {
        var branch = new BranchNode();
        for (var i = 0; i < 16; i++)
        {
            branch.Children[i] = DecodeChildReference(items.ReadRaw());
        }

        var value = items.ReadString();
        branch.Value = value.IsEmpty ? null : value.ToArray();
        if (branch.CountEntries() < 2)
        {
            throw new TrieException("A branch node with fewer than two entries should have been collapsed.");
        }

        return branch;
    }

    /// <summary>A child slot holds the empty string, a 32-byte hash, or an embedded node under 32 bytes.</summary>
    private static TrieNode? DecodeChildReference(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 1 && raw[0] == RlpCodec.EmptyString)
        {
            return null;
        }

        if (raw[0] >= RlpCodec.EmptyList)
        {
            if (raw.Length >= 32)
            {
                throw new TrieException($"An embedded node is {raw.Length} bytes; nodes of 32 bytes or more must be referenced by hash.");
            }

            var embedded = DecodeBody(raw);
            var copy = raw.ToArray();
            embedded.Reference = copy;
            embedded.Persisted = true;
            return embedded;
        }

        if (raw.Length == TrieNodeEncoder.HashReferenceLength && raw[0] == 0xa0)
        {
            return new HashNode(raw[1..]);
        }

        throw new TrieException("A child reference must be empty, a 32-byte hash or an embedded node.");
    }
}
