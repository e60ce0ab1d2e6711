using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Merkle;

/// <summary>A block header with a <see cref="PartialMerkleTree"/> (Core's CMerkleBlock, the <c>gettxoutproof</c> format).</summary>
public sealed class MerkleBlock
{
    public MerkleBlock(BlockHeader header, PartialMerkleTree tree)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(tree);
        Header = header;
        Tree = tree;
    }

    public BlockHeader Header { get; }

    public PartialMerkleTree Tree { get; }

    /// <summary>Parses exactly one merkle block; trailing bytes are an error.</summary>
    public static MerkleBlock Parse(ReadOnlySpan<byte> raw)
    {
        var reader = new BitcoinReader(raw);
        var header = BlockHeader.Parse(ref reader);
        var tree = PartialMerkleTree.Parse(ref reader);
        if (!reader.IsAtEnd)
        {
            throw new BitcoinFormatException($"{reader.Remaining} unexpected bytes after the merkle block.");
        }

        return new MerkleBlock(header, tree);
    }

    public byte[] ToBytes()
    {
        var writer = new BitcoinWriter(128);
        Header.WriteTo(writer);
        Tree.WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Extracts the matches and checks that the tree's root is the header's merkle root; throws
    /// <see cref="BitcoinFormatException"/> when the proof is malformed or does not belong to this header.
    /// </summary>
    public PartialMerkleMatches ExtractVerifiedMatches()
    {
        var matches = Tree.ExtractMatches();
        if (matches.Root != Header.MerkleRoot)
        {
            throw new BitcoinFormatException("Partial merkle tree root does not match the block header.");
        }

        return matches;
    }
}
