using Hemi.Crypto;
using Hemi.Ethereum.Rlp;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// Encodes and hashes dirty nodes bottom-up and caches each node's parent reference, so clean subtrees are
/// never re-encoded or re-hashed. One instance per trie: it reuses a single writer and hashes straight from it.
/// </summary>
internal sealed class TrieNodeEncoder
{
    public const int HashReferenceLength = 33;

    private static readonly byte[] s_emptyString = [RlpCodec.EmptyString];

    private readonly RlpWriter _writer = new(1024);

    /// <summary>The bytes a parent uses for <paramref name="node"/>: its RLP when under 32 bytes, else 0xa0 ‖ keccak(RLP).</summary>
    public byte[] GetReference(TrieNode node)
    {
        if (node.Reference is { } cached)
        {
            return cached;
        }

        PrepareChildren(node);
        Write(node);
        var encoded = _writer.AsSpan();
        byte[] reference;
        if (encoded.Length < 32)
        {
            reference = encoded.ToArray();
        }
        else
        {
            reference = new byte[HashReferenceLength];
            reference[0] = 0xa0;
            Keccak256.Hash(encoded, reference.AsSpan(1));
        }

        node.Reference = reference;
        return reference;
    }

    /// <summary>The node's full RLP (hashing any dirty descendants first). A <see cref="HashNode"/> has none.</summary>
    public byte[] Encode(TrieNode node)
    {
        if (node.Reference is { } reference && !node.IsHashReferenced)
        {
            return reference;
        }

        PrepareChildren(node);
        Write(node);
        return _writer.ToArray();
    }

    // Children first: their encodings reuse the writer, so the parent is written only afterwards.
    private void PrepareChildren(TrieNode node)
    {
        switch (node)
        {
            case ExtensionNode extension:
                GetReference(extension.Child);
                break;
            case BranchNode branch:
                foreach (var child in branch.Children)
                {
                    if (child is not null)
                    {
                        GetReference(child);
                    }
                }

                break;
            case HashNode:
                throw new InvalidOperationException("An unresolved hash node has no encoding of its own.");
        }
    }

    private void Write(TrieNode node)
    {
        _writer.Reset();
        _writer.BeginList();
        switch (node)
        {
            case LeafNode leaf:
                WriteHexPrefix(leaf.Path, isLeaf: true);
                _writer.WriteString(leaf.Value);
                break;

            case ExtensionNode extension:
                WriteHexPrefix(extension.Path, isLeaf: false);
                _writer.WriteRaw(extension.Child.Reference!);
                break;

            case BranchNode branch:
                foreach (var child in branch.Children)
                {
                    _writer.WriteRaw(child is null ? s_emptyString : child.Reference!);
                }

                _writer.WriteString(branch.Value ?? []);
                break;
        }

        _writer.EndList();
    }

    private void WriteHexPrefix(ReadOnlySpan<byte> path, bool isLeaf)
    {
        var length = (path.Length / 2) + 1;
        var buffer = length <= 64 ? stackalloc byte[length] : new byte[length];
        Nibbles.EncodeHexPrefix(path, isLeaf, buffer);
        _writer.WriteString(buffer);
    }
}
