using Hemi.Bitcoin.Building;

namespace Hemi.Bitcoin.Node;

/// <summary>Settings of a <see cref="RegtestNode"/>.</summary>
public sealed class RegtestNodeOptions
{
    /// <summary>How often the node mines a block on its own (driven by the node's <see cref="TimeProvider"/>); <see langword="null"/> = manual only.</summary>
    public TimeSpan? BlockInterval { get; set; }

    /// <summary>Where timer-mined blocks pay; required when <see cref="BlockInterval"/> is set.</summary>
    public byte[]? TimerMiningScriptPubKey { get; set; }

    /// <summary>Minimum relay fee (bitcoind's -minrelaytxfee, default 1 sat/vB).</summary>
    public FeeRate MinRelayFee { get; set; } = FeeRate.FromSatoshisPerVbyte(1);

    /// <summary>Dust relay fee in sat/kvB (bitcoind's -dustrelayfee, default 3000).</summary>
    public long DustRelayFeePerKilovbyte { get; set; } = DustPolicy.DefaultDustRelayFeePerKilovbyte;

    /// <summary>How many recent blocks feed fee estimation.</summary>
    public int FeeEstimationWindow { get; set; } = 20;

    /// <summary>Prefix of every key the node writes to its object store.</summary>
    public string StorePrefix { get; set; } = "regtest";

    internal void Validate()
    {
        if (BlockInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("BlockInterval must be positive.", nameof(BlockInterval));
        }

        if (BlockInterval is not null && TimerMiningScriptPubKey is null)
        {
            throw new ArgumentException("TimerMiningScriptPubKey is required when BlockInterval is set.", nameof(TimerMiningScriptPubKey));
        }

        if (FeeEstimationWindow < 1)
        {
            throw new ArgumentException("FeeEstimationWindow must be at least 1.", nameof(FeeEstimationWindow));
        }

        if (MinRelayFee.SatoshisPerKilovbyte < 0 || DustRelayFeePerKilovbyte < 0)
        {
            throw new ArgumentException("Fee rates cannot be negative.");
        }

        if (string.IsNullOrEmpty(StorePrefix) || StorePrefix.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("StorePrefix must be a single non-empty key segment.", nameof(StorePrefix));
        }
    }
}
