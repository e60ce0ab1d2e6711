using System.Numerics;
using Hemi.Ethereum;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Genesis;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>
/// The parameters of the L2 chain a silo sequences. Everything that shapes block 0 (chain id, gas limit, genesis time,
/// accounts, hemiBTC address) must stay the same across restarts: the sequencer refuses a stored chain whose genesis differs.
/// </summary>
/// <remarks>
/// PoP payouts follow the v1 rule (§7 of the protocol notes): for keystone K the block K + <see cref="PopPayoutDelay"/>
/// mints <see cref="PopPayoutAmount"/> HEMI (1 HEMI = 10^18 base units by default) per PoP transaction that published
/// K within <see cref="PopPayoutDepth"/> Bitcoin blocks of its first publication, to each publication's reward address;
/// several publications by one address are summed into one entry.
/// </remarks>
public sealed class SequencerOptions
{
    /// <summary>The block time of the devnet.</summary>
    public static readonly TimeSpan DevnetBlockInterval = TimeSpan.FromSeconds(1);

    /// <summary>The EIP-155 chain id, also the sequencer grain's key.</summary>
    public ulong ChainId { get; set; } = 43111;

    /// <summary>How often the timer seals a block (12 s as on Hemi; 1 s on the devnet). <see cref="TimeSpan.Zero"/> disables the timer (blocks are sealed by <c>SealBlockAsync</c> only).</summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.FromSeconds(12);

    public ulong GasLimit { get; set; } = 30_000_000;

    /// <summary>Every this many blocks is a keystone.</summary>
    public uint KeystonePeriod { get; set; } = L2Keystone.DefaultPeriod;

    /// <summary>The world state is snapshotted after every this many blocks; activation replays the blocks after the latest snapshot.</summary>
    public ulong SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// Seal a block before the timer once this many transactions were admitted since the last seal (0: blocks are sealed
    /// only by the timer and <c>SealBlockAsync</c>). A stream of arrivals then fills blocks of about this size instead of
    /// waiting a whole interval, and never turns into a burst of tiny blocks.
    /// </summary>
    public int MinBlockTransactions { get; set; }

    /// <summary>The most user transactions in one block (the gas limit bounds it as well: 30M gas holds 1,428 transfers).</summary>
    public int MaxBlockTransactions { get; set; } = 10_000;

    /// <summary>The most transactions queued at once.</summary>
    public int MaxPoolSize { get; set; } = 100_000;

    /// <summary>The largest raw transaction accepted (bytes), as geth's 128 KiB.</summary>
    public int MaxTransactionSize { get; set; } = 128 * 1024;

    /// <summary>How far above the pending nonce a transaction may be queued.</summary>
    public ulong MaxNonceGap { get; set; } = 16;

    /// <summary>Receives the priority fees.</summary>
    public Address Coinbase { get; set; }

    /// <summary>The Bitcoin network name of the <c>IBitcoinChainGrain</c> the blocks commit to.</summary>
    public string BitcoinNetwork { get; set; } = "regtest";

    /// <summary>The object store (by provider name) for blocks, indexes and snapshots.</summary>
    public string ObjectStoreName { get; set; } = GrainStorageServiceCollectionExtensions.DefaultProviderName;

    /// <summary>Unix seconds of block 0.</summary>
    public ulong GenesisTimestamp { get; set; }

    /// <summary>Where hemiBTC is deployed; null for a chain without it.</summary>
    public Address? HemiBtcAddress { get; set; } = Address.Parse("0xAA00000000000000000000000000000000000001");

    /// <summary>Funded accounts of block 0.</summary>
    public List<GenesisAccount> GenesisAlloc { get; set; } = [];

    /// <summary>The payout of keystone K is included in block K + this (a multiple of the keystone period; 0 disables payouts).</summary>
    public ulong PopPayoutDelay { get; set; } = 200;

    /// <summary>HEMI base units minted per rewarded PoP transaction.</summary>
    public BigInteger PopPayoutAmount { get; set; } = BigInteger.Pow(10, 18);

    /// <summary>Publications within this many Bitcoin blocks of the first one are rewarded.</summary>
    public int PopPayoutDepth { get; set; } = 3;

    /// <summary>Start the sequencer (and its timer) when the silo starts.</summary>
    public bool StartWithSilo { get; set; }

    /// <summary>Whether sealed blocks push <see cref="AccountBlockUpdate"/>s to the account grains.</summary>
    public bool PushAccountUpdates { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (ChainId == 0)
        {
            throw new ArgumentException("SequencerOptions.ChainId must be positive.");
        }

        if (ChainId > long.MaxValue)
        {
            throw new ArgumentException("SequencerOptions.ChainId must fit the sequencer grain's integer key.");
        }

        if (BlockInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("SequencerOptions.BlockInterval cannot be negative.");
        }

        if (GasLimit < NativeExecutionEngine.MinGasLimit)
        {
            throw new ArgumentException($"SequencerOptions.GasLimit must be at least {NativeExecutionEngine.MinGasLimit}.");
        }

        if (KeystonePeriod == 0)
        {
            throw new ArgumentException("SequencerOptions.KeystonePeriod must be positive.");
        }

        if (SnapshotInterval == 0)
        {
            throw new ArgumentException("SequencerOptions.SnapshotInterval must be positive.");
        }

        if (MaxBlockTransactions <= 0 || MaxBlockTransactions > Hemi.Grains.L2.Storage.SealedBlockCodec.MaxTransactions)
        {
            throw new ArgumentException($"SequencerOptions.MaxBlockTransactions must be between 1 and {Hemi.Grains.L2.Storage.SealedBlockCodec.MaxTransactions}.");
        }

        if (MinBlockTransactions < 0 || MinBlockTransactions > MaxBlockTransactions)
        {
            throw new ArgumentException("SequencerOptions.MinBlockTransactions must be between 0 (seal on the timer only) and MaxBlockTransactions.");
        }

        if (MaxPoolSize <= 0 || MaxTransactionSize <= 0)
        {
            throw new ArgumentException("SequencerOptions.MaxPoolSize and MaxTransactionSize must be positive.");
        }

        if (string.IsNullOrWhiteSpace(BitcoinNetwork) || string.IsNullOrWhiteSpace(ObjectStoreName))
        {
            throw new ArgumentException("SequencerOptions.BitcoinNetwork and ObjectStoreName are required.");
        }

        if (PopPayoutDelay % KeystonePeriod != 0)
        {
            throw new ArgumentException("SequencerOptions.PopPayoutDelay must be a multiple of KeystonePeriod (payouts go in keystone blocks).");
        }

        if (PopPayoutAmount.Sign < 0 || PopPayoutDepth < 0)
        {
            throw new ArgumentException("SequencerOptions.PopPayoutAmount and PopPayoutDepth cannot be negative.");
        }

        if (GenesisAlloc.Any(a => a is null || a.Balance.Sign < 0 || a.HemiBtcBalance.Sign < 0 || a.HemiBalance.Sign < 0))
        {
            throw new ArgumentException("SequencerOptions.GenesisAlloc has a null entry or a negative amount.");
        }

        if (GenesisAlloc.Select(a => a.Address).Distinct().Count() != GenesisAlloc.Count)
        {
            throw new ArgumentException("SequencerOptions.GenesisAlloc lists an address twice.");
        }

        if (HemiBtcAddress is null && GenesisAlloc.Any(a => !a.HemiBtcBalance.IsZero))
        {
            throw new ArgumentException("SequencerOptions.GenesisAlloc has hemiBTC balances but no HemiBtcAddress.");
        }
    }

    /// <summary>The genesis parameters these options describe.</summary>
    public L2Genesis ToGenesis() => new()
    {
        ChainId = ChainId,
        GasLimit = GasLimit,
        Timestamp = GenesisTimestamp,
        HemiBtcAddress = HemiBtcAddress,
        Alloc = GenesisAlloc.Where(a => !a.Balance.IsZero).ToDictionary(a => a.Address, a => a.Balance),
        HemiBtcAlloc = GenesisAlloc.Where(a => !a.HemiBtcBalance.IsZero).ToDictionary(a => a.Address, a => a.HemiBtcBalance),
        HemiAlloc = GenesisAlloc.Where(a => !a.HemiBalance.IsZero).ToDictionary(a => a.Address, a => a.HemiBalance),
    };
}
