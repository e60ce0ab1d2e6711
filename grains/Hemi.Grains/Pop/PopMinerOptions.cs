using Hemi.Grains.Keystones;

namespace Hemi.Grains.Pop;

/// <summary>A PoP miner's key and fee policy, as named options keyed by the miner id (popm v2's settings).</summary>
public sealed class PopMinerOptions
{
    /// <summary>The miner's secp256k1 private key (32 bytes hex); its P2PKH address pays, its Ethereum address is rewarded.</summary>
    public string PrivateKeyHex { get; set; } = "";

    /// <summary>A fixed fee rate; when null the node's estimate for <see cref="FeeConfirmationTarget"/> blocks is used.</summary>
    public decimal? StaticFeeSatPerVByte { get; set; }

    /// <summary>Rates above this are refused (no transaction) and retried after <see cref="FeeCapRetryDelay"/>; zero disables the cap.</summary>
    public decimal MaxFeeSatPerVByte { get; set; } = 100;

    /// <summary>Confirmation target of the fee estimate.</summary>
    public int FeeConfirmationTarget { get; set; } = 6;

    /// <summary>Key of the <c>IBitcoinChainGrain</c> whose indexed publications mark keystones Mined.</summary>
    public string BitcoinNetwork { get; set; } = "regtest";

    /// <summary>Key of the <c>IKeystoneRegistryGrain</c> keystones are discovered from.</summary>
    public string RegistryKey { get; set; } = KeystoneRegistry.DefaultKey;

    /// <summary>Period of the miner loop's grain timer; zero or less disables the timer (passes run only on <c>MineAsync</c>).</summary>
    public TimeSpan LoopInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a keystone waits after its fee rate exceeded the cap.</summary>
    public TimeSpan FeeCapRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many of the newest keystones are mined.</summary>
    public int LatestKeystones { get; set; } = 12;

    /// <summary>Entries discovered longer ago than this and no longer among the latest keystones are forgotten.</summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromHours(4);
}
