using System.Numerics;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Node;

/// <summary>A known block: its place in the block tree, cumulative work and, while on the best chain, its undo data.</summary>
internal sealed class BlockIndexEntry
{
    private static readonly BigInteger s_twoTo256 = BigInteger.One << 256;

    public BlockIndexEntry(Block block, BlockIndexEntry? parent, long sequence)
    {
        Block = block;
        Hash = block.GetHash();
        Parent = parent;
        Height = parent is null ? 0 : parent.Height + 1;
        ChainWork = (parent?.ChainWork ?? BigInteger.Zero) + WorkOf(block.Header.Bits);
        Sequence = sequence;
    }

    public Block Block { get; }

    public BlockHeader Header => Block.Header;

    public Hash256 Hash { get; }

    public BlockIndexEntry? Parent { get; }

    public int Height { get; }

    public BigInteger ChainWork { get; }

    /// <summary>Arrival order: among equal-work chains the first seen wins, as in bitcoind.</summary>
    public long Sequence { get; }

    /// <summary>Set by invalidateblock or by a failed validation; descendants are then invalid too.</summary>
    public bool Invalid { get; set; }

    /// <summary>Why validation failed, when it did (null for a manual invalidation).</summary>
    public TransactionRejection? Failure { get; set; }

    /// <summary>The coins this block spent, in spend order; present while the block is connected.</summary>
    public List<SpentCoin>? Undo { get; set; }

    /// <summary>Fee rates (sat/kvB) of the block's non-coinbase transactions, for fee estimation.</summary>
    public List<long>? FeeRates { get; set; }

    public ChainTip ToTip() => new(Height, Hash);

    public BlockIndexEntry GetAncestor(int height)
    {
        var entry = this;
        while (entry.Height > height)
        {
            entry = entry.Parent!;
        }

        return entry;
    }

    public bool HasInvalidAncestry(int lowestInvalidHeight = 0)
    {
        for (var entry = this; entry is not null && entry.Height >= lowestInvalidHeight; entry = entry.Parent)
        {
            if (entry.Invalid)
            {
                return true;
            }
        }

        return false;
    }

    private static BigInteger WorkOf(uint bits)
    {
        var target = Target.ToBigInteger(bits);
        return target.Sign <= 0 ? BigInteger.Zero : s_twoTo256 / (target + 1);
    }
}
