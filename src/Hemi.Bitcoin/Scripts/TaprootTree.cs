using Hemi.Crypto;

namespace Hemi.Bitcoin.Scripts;

/// <summary>BIP341 script-tree hashing: tapleaf and tapbranch hashes, and the control block of a leaf.</summary>
public static class TaprootTree
{
    /// <summary>The leaf version of BIP342 tapscript.</summary>
    public const byte TapscriptLeafVersion = 0xc0;

    /// <summary>TaggedHash("TapLeaf", leafVersion ‖ compact_size(script) ‖ script).</summary>
    public static byte[] LeafHash(byte leafVersion, ReadOnlySpan<byte> script)
    {
        var writer = new BitcoinWriter(script.Length + 10);
        writer.WriteByte((byte)(leafVersion & 0xfe));
        writer.WriteVarBytes(script);
        return TaggedHash.Hash("TapLeaf", writer.WrittenSpan);
    }

    /// <summary>TaggedHash("TapBranch", min(a,b) ‖ max(a,b)) with the children ordered lexicographically.</summary>
    public static byte[] BranchHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != 32 || right.Length != 32)
        {
            throw new ArgumentException("Tree node hashes are 32 bytes.");
        }

        Span<byte> both = stackalloc byte[64];
        if (left.SequenceCompareTo(right) <= 0)
        {
            left.CopyTo(both);
            right.CopyTo(both[32..]);
        }
        else
        {
            right.CopyTo(both);
            left.CopyTo(both[32..]);
        }

        return TaggedHash.Hash("TapBranch", both);
    }

    /// <summary>Control block: (leafVersion | output-key parity) ‖ internal key ‖ the sibling hashes from the leaf up.</summary>
    public static byte[] ControlBlock(byte leafVersion, bool outputKeyParityOdd, ReadOnlySpan<byte> internalKey, IEnumerable<byte[]> merklePath)
    {
        ArgumentNullException.ThrowIfNull(merklePath);
        if (internalKey.Length != 32)
        {
            throw new ArgumentException("Internal key must be 32 bytes.", nameof(internalKey));
        }

        var writer = new BitcoinWriter(33 + 64);
        writer.WriteByte((byte)((leafVersion & 0xfe) | (outputKeyParityOdd ? 1 : 0)));
        writer.WriteBytes(internalKey);
        foreach (var node in merklePath)
        {
            if (node.Length != 32)
            {
                throw new ArgumentException("Path nodes are 32 bytes.", nameof(merklePath));
            }

            writer.WriteBytes(node);
        }

        return writer.ToArray();
    }
}
