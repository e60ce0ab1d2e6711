using System.Numerics;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Chain;

/// <summary>
/// Contextual header checks with Bitcoin Core semantics: linkage, proof of work, the required nBits
/// (GetNextWorkRequired, including testnet minimum-difficulty blocks, BIP94 and regtest), median-time-past,
/// the BIP94 time-warp rule, the two-hour future limit and the BIP34/66/65 version floor.
/// </summary>
public sealed class HeaderChainValidator
{
    /// <summary>Number of blocks whose median time a new block must exceed.</summary>
    public const int MedianTimeSpan = 11;

    /// <summary>Core's MAX_FUTURE_BLOCK_TIME in seconds.</summary>
    public const long MaxFutureBlockTime = 2 * 60 * 60;

    /// <summary>BIP94's MAX_TIMEWARP in seconds.</summary>
    public const long MaxTimewarp = 600;

    private static readonly BigInteger s_mod256Mask = (BigInteger.One << 256) - 1;

    private readonly long _targetTimespan;
    private readonly long _targetSpacing;
    private readonly int _interval;

    public HeaderChainValidator(Network network, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _targetTimespan = (long)network.PowTargetTimespan.TotalSeconds;
        _targetSpacing = (long)network.PowTargetSpacing.TotalSeconds;
        _interval = network.DifficultyAdjustmentInterval;
    }

    public Network Network { get; }

    /// <summary>Clock for the future-time limit.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Checks <paramref name="header"/> as the child of <paramref name="parent"/>'s tip.</summary>
    public HeaderValidationError Check(BlockHeader header, IHeaderAncestry parent)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(parent);
        return Check(header.Version, header.PrevBlock, header.Time, header.Bits, header.GetHash(), parent, TimeProvider.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>Like <see cref="Check(BlockHeader, IHeaderAncestry)"/> but throws <see cref="HeaderValidationException"/>.</summary>
    public void Validate(BlockHeader header, IHeaderAncestry parent)
    {
        var error = Check(header, parent);
        if (error != HeaderValidationError.None)
        {
            throw new HeaderValidationException(error, header.GetHash());
        }
    }

    /// <summary>Context-free proof-of-work check of a header against its own bits and the network limit.</summary>
    public bool CheckProofOfWork(in Hash256 hash, uint bits)
    {
        var target = Target.FromCompact(bits, out var negative, out var overflow);
        return !negative && !overflow && !target.IsZero && target <= Network.PowLimitValue && UInt256.FromHash(hash) <= target;
    }

    /// <summary>The nBits a child of <paramref name="parent"/>'s tip with timestamp <paramref name="newBlockTime"/> must carry.</summary>
    public uint GetNextWorkRequired(IHeaderAncestry parent, uint newBlockTime)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var lastHeight = parent.TipHeight;
        var lastBits = parent.GetBits(lastHeight);
        if ((lastHeight + 1) % _interval != 0)
        {
            if (Network.AllowMinDifficultyBlocks)
            {
                // Testnet: a block more than twice the spacing after its parent may be mined at the minimum difficulty;
                // otherwise it carries the difficulty of the last "real" block.
                if (newBlockTime > (long)parent.GetTime(lastHeight) + (_targetSpacing * 2))
                {
                    return Network.PowLimitBits;
                }

                return parent.GetLastNonMinDifficultyBits(Network);
            }

            return lastBits;
        }

        if (Network.PowNoRetargeting)
        {
            return lastBits;
        }

        // Core's long-standing off-by-one: the timespan is measured over 2015 intervals, from the period's first block.
        var firstHeight = lastHeight - (_interval - 1);
        var firstBits = Network.EnforceBip94 ? parent.GetBits(firstHeight) : lastBits;
        return CalculateNextWorkRequired(Network, firstBits, parent.GetTime(lastHeight), parent.GetTime(firstHeight));
    }

    /// <summary>
    /// Core's CalculateNextWorkRequired: scale the target of <paramref name="baseBits"/> (the last block's bits, or with
    /// BIP94 the period's first block's bits) by the clamped actual timespan and cap it at the proof-of-work limit.
    /// </summary>
    public static uint CalculateNextWorkRequired(Network network, uint baseBits, long lastBlockTime, long firstBlockTime)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.PowNoRetargeting)
        {
            return baseBits;
        }

        var targetTimespan = (long)network.PowTargetTimespan.TotalSeconds;
        var actual = Math.Clamp(lastBlockTime - firstBlockTime, targetTimespan / 4, targetTimespan * 4);
        var target = Target.FromCompact(baseBits, out _, out _).ToBigInteger();
        // arith_uint256 multiplication wraps at 256 bits; the division is exact integer division.
        target = (target * actual) & s_mod256Mask;
        target /= targetTimespan;
        if (target > network.PowLimit)
        {
            target = network.PowLimit;
        }

        return Target.ToCompact(UInt256.FromBigInteger(target));
    }

    /// <summary>Median of the timestamps of the tip and up to ten of its ancestors.</summary>
    public static uint ComputeMedianTimePast(IHeaderAncestry chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        Span<uint> times = stackalloc uint[MedianTimeSpan];
        var count = 0;
        for (var h = chain.TipHeight; h >= 0 && count < MedianTimeSpan; h--)
        {
            times[count++] = chain.GetTime(h);
        }

        return Median(times[..count]);
    }

    /// <summary>The median (upper middle element) of up to eleven timestamps; sorts <paramref name="times"/>.</summary>
    public static uint Median(Span<uint> times)
    {
        times.Sort();
        return times[times.Length / 2];
    }

    /// <summary>Core's testnet walk-back over minimum-difficulty blocks (see <see cref="IHeaderAncestry.GetLastNonMinDifficultyBits"/>).</summary>
    public static uint WalkBackMinDifficulty(IHeaderAncestry chain, Network network)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(network);
        var interval = network.DifficultyAdjustmentInterval;
        var h = chain.TipHeight;
        var bits = chain.GetBits(h);
        while (h > 0 && h % interval != 0 && bits == network.PowLimitBits)
        {
            h--;
            bits = chain.GetBits(h);
        }

        return bits;
    }

    /// <summary>All checks on a header given as fields plus its hash; <paramref name="nowSeconds"/> is Unix time.</summary>
    public HeaderValidationError Check(int version, in Hash256 prevBlock, uint time, uint bits, in Hash256 hash, IHeaderAncestry parent, long nowSeconds)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (prevBlock != parent.TipHash)
        {
            return HeaderValidationError.BadLink;
        }

        if (!CheckProofOfWork(hash, bits))
        {
            return HeaderValidationError.BadProofOfWork;
        }

        return CheckContextual(version, time, bits, parent, nowSeconds);
    }

    /// <summary>
    /// The checks that depend on the chain but not on the header's own hash (Core's ContextualCheckBlockHeader):
    /// required nBits, median-time-past, BIP94 time-warp, future limit and version floor.
    /// </summary>
    public HeaderValidationError CheckContextual(int version, uint time, uint bits, IHeaderAncestry parent, long nowSeconds)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (bits != GetNextWorkRequired(parent, time))
        {
            return HeaderValidationError.BadDifficulty;
        }

        if (time <= parent.GetMedianTimePast())
        {
            return HeaderValidationError.TimeTooOld;
        }

        var height = parent.TipHeight + 1;
        if (Network.EnforceBip94 && height % _interval == 0 && time < (long)parent.GetTime(parent.TipHeight) - MaxTimewarp)
        {
            return HeaderValidationError.TimeWarp;
        }

        if (time > nowSeconds + MaxFutureBlockTime)
        {
            return HeaderValidationError.TimeTooNew;
        }

        if ((version < 2 && height >= Network.Bip34Height)
            || (version < 3 && height >= Network.Bip66Height)
            || (version < 4 && height >= Network.Bip65Height))
        {
            return HeaderValidationError.ObsoleteVersion;
        }

        return HeaderValidationError.None;
    }
}
