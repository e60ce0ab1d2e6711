using Hemi.Ethereum;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Blocks;

namespace Hemi.Protocol.L2.Assembly;

/// <summary>Builds the <see cref="L2Keystone"/> of a keystone block (every 25th L2 block).</summary>
public static class KeystoneBuilder
{
    /// <summary>Whether L2 block <paramref name="number"/> is a keystone: a positive multiple of the period (genesis is not).</summary>
    public static bool IsKeystone(ulong number, uint period = L2Keystone.DefaultPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfZero(period);
        return number != 0 && number % period == 0;
    }

    /// <summary>
    /// The keystone of <paramref name="keystoneBlock"/>. <paramref name="blockNMinusPeriodHash"/> is the hash of
    /// block n−25, or <see langword="null"/> for the first keystone (block 25), whose PrevKeystoneEPHash is empty as in op-node.
    /// </summary>
    /// <exception cref="ArgumentException">The block is not a keystone, or its number does not fit in 32 bits.</exception>
    public static L2Keystone FromBlocks(L2BlockHeader keystoneBlock, Hash32? blockNMinusPeriodHash, uint l1Number, uint period = L2Keystone.DefaultPeriod)
    {
        ArgumentNullException.ThrowIfNull(keystoneBlock);
        if (!IsKeystone(keystoneBlock.Number, period) || keystoneBlock.Number > uint.MaxValue)
        {
            throw new ArgumentException($"Block {keystoneBlock.Number} is not a keystone block.", nameof(keystoneBlock));
        }

        return FromFields((uint)keystoneBlock.Number, keystoneBlock.ParentHash, blockNMinusPeriodHash, keystoneBlock.StateRoot, keystoneBlock.Hash, l1Number, period);
    }

    /// <summary>
    /// The keystone of keystone block <paramref name="l2Number"/> from its fields: the block's parent hash, the hash of
    /// block n−period (<see langword="null"/> for the first keystone), its state root and its own hash.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="l2Number"/> is not a keystone number.</exception>
    public static L2Keystone FromFields(uint l2Number, Hash32 parentHash, Hash32? blockNMinusPeriodHash, Hash32 stateRoot, Hash32 blockHash, uint l1Number, uint period = L2Keystone.DefaultPeriod)
    {
        if (!IsKeystone(l2Number, period))
        {
            throw new ArgumentException($"Block {l2Number} is not a keystone block (period {period}).", nameof(l2Number));
        }

        return new L2Keystone
        {
            Version = L2Keystone.CurrentVersion,
            L1BlockNumber = l1Number,
            L2BlockNumber = l2Number,
            ParentEPHash = parentHash.ToBytes(),
            PrevKeystoneEPHash = blockNMinusPeriodHash?.ToBytes() ?? [],
            StateRoot = stateRoot.ToBytes(),
            EPHash = blockHash.ToBytes(),
        };
    }
}
