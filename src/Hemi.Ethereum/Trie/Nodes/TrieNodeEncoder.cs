using Hemi.Crypto;
using Hemi.Ethereum.Rlp;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// Encodes dirty nodes bottom-up and caches each node's RLP and parent reference, so clean
/// subtrees are never re-encoded or re-hashed. One instance per trie: it reuses a single writer.
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

        var encoded = Encode(node);
        byte[] reference;
        if (encoded.Length < 32)
        {
            reference = encoded;
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

    /// <summary>The node's RLP (cached). A <see cref="HashNode"/> must be resolved before encoding.</summary>
    public byte[] Encode(TrieNode node)
    {
        if (node.Encoded is { } cached)
        {
            return cached;
        }

        byte[] encoded;
        switch (node)
        {
            case LeafNode leaf:
                _writer.Reset();
                _writer.BeginList();
                WriteHexPrefix(leaf.Path, isLeaf: true);
                _writer.WriteString(leaf.Value);
                _writer.EndList();
                encoded = _writer.ToArray();
                break;

            case ExtensionNode extension:
                var childReference = GetReference(extension.Child);
                _writer.Reset();
                _writer.BeginList();
                WriteHexPrefix(extension.Path, isLeaf: false);
                _writer.WriteRaw(childReference);
                _writer.EndList();
                encoded = _writer.ToArray();
                break;

            case BranchNode branch:
                // Children first: their encodings reuse the writer, so the parent is written afterwards.
                foreach (var child in branch.Children)
                {
                    if (child is not null)
                    {
                        GetReference(child);
                    }
                }

                _writer.Reset();
                _writer.BeginList();
                foreach (var child in branch.Children)
                {
                    _writer.WriteRaw(child is null ? s_emptyString : child.Reference!);
                }

                _writer.WriteString(branch.Value ?? []);
                _writer.EndList();
                encoded = _writer.ToArray();
                break;

            default:
                throw new InvalidOperationException("An unresolved hash node has no encoding of its own.");
        }

        node.Encoded = encoded;
        return encoded;
    }

    private void WriteHexPrefix(ReadOnlySpan<byte> path, bool isLeaf)
    {
        var length = (path.Length / 2) + 1;
        var buffer = length <= 64 ? stackalloc byte[length] : new byte[length];
        Nibbles.EncodeHexPrefix(path, isLeaf, buffer);
        _writer.WriteString(buffer);
    }
}
