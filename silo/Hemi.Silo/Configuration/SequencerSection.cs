namespace Hemi.Silo.Configuration;

/// <summary>The L2 sequencer (section <c>Hemi:Sequencer</c>); anything that shapes block 0 must not change once the chain exists.</summary>
public sealed class SequencerSection
{
    public const string SectionName = "Hemi:Sequencer";

    /// <summary>Block time (1 s on the devnet).</summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.FromSeconds(1);

    public ulong GasLimit { get; set; } = 30_000_000;

    public uint KeystonePeriod { get; set; } = 25;

    public ulong SnapshotInterval { get; set; } = 100;

    /// <summary>Seal before the tick once this many transactions were admitted since the last block (0: on the tick only).</summary>
    public int MinBlockTransactions { get; set; } = 1_000;

    /// <summary>The most user transactions per block (the gas limit bounds it too).</summary>
    public int MaxBlockTransactions { get; set; } = 10_000;

    /// <summary>Unix seconds of block 0 (fixed so that restarts rebuild the same genesis): 2025-01-01T00:00:00Z.</summary>
    public ulong GenesisTimestamp { get; set; } = 1_735_689_600;

    /// <summary>Where hemiBTC is deployed.</summary>
    public string HemiBtcAddress { get; set; } = "0xaa00000000000000000000000000000000000001";

    /// <summary>Receives priority fees.</summary>
    public string Coinbase { get; set; } = "0x4200000000000000000000000000000000000011";

    /// <summary>PoP payout of keystone K in block K + this (multiple of the keystone period; 0 disables).</summary>
    public ulong PopPayoutDelay { get; set; } = 200;

    public IEnumerable<string> Validate()
    {
        if (BlockInterval <= TimeSpan.Zero)
        {
            yield return "Hemi:Sequencer:BlockInterval must be positive.";
        }

        if (MaxBlockTransactions <= 0 || MaxBlockTransactions > Hemi.Grains.L2.Storage.SealedBlockCodec.MaxTransactions)
        {
            yield return $"Hemi:Sequencer:MaxBlockTransactions must be between 1 and {Hemi.Grains.L2.Storage.SealedBlockCodec.MaxTransactions}.";
        }

        if (MinBlockTransactions < 0 || MinBlockTransactions > MaxBlockTransactions)
        {
            yield return "Hemi:Sequencer:MinBlockTransactions must be between 0 (seal on the tick only) and MaxBlockTransactions.";
        }

        if (KeystonePeriod == 0)
        {
            yield return "Hemi:Sequencer:KeystonePeriod must be positive.";
        }

        if (!Hemi.Ethereum.Address.TryParse(HemiBtcAddress, out _))
        {
            yield return "Hemi:Sequencer:HemiBtcAddress is not an address.";
        }

        if (!Hemi.Ethereum.Address.TryParse(Coinbase, out _))
        {
            yield return "Hemi:Sequencer:Coinbase is not an address.";
        }

        if (KeystonePeriod != 0 && PopPayoutDelay % KeystonePeriod != 0)
        {
            yield return "Hemi:Sequencer:PopPayoutDelay must be a multiple of KeystonePeriod.";
        }
    }
}
