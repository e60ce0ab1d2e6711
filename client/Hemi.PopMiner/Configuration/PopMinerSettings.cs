using Hemi.Bitcoin;
using Hemi.Grains.Keystones;

namespace Hemi.PopMiner.Configuration;

/// <summary>Everything <c>hemi-popm</c> is configured with (command line and environment).</summary>
public sealed class PopMinerSettings
{
    /// <summary>The environment variable holding the private key when <see cref="PrivateKey"/> is not given.</summary>
    public const string PrivateKeyVariable = "HEMI_POPM_PRIVATE_KEY";

    /// <summary>Folder of the miner's own silo state (created when missing).</summary>
    public string DataDirectory { get; set; } = "popm-data";

    /// <summary>bitcoind's JSON-RPC endpoint (the embedded regtest node's RPC of a devnet silo, or a real bitcoind).</summary>
    public Uri BitcoinRpc { get; set; } = new("http://127.0.0.1:18443/");

    /// <summary>rpcuser (with <see cref="BitcoinRpcPassword"/>).</summary>
    public string? BitcoinRpcUser { get; set; }

    /// <summary>rpcpassword.</summary>
    public string? BitcoinRpcPassword { get; set; }

    /// <summary>bitcoind's .cookie file, instead of user and password.</summary>
    public string? BitcoinRpcCookieFile { get; set; }

    /// <summary>The silo's (or op-geth's) JSON-RPC serving <c>kss_getLatestKeystones</c>.</summary>
    public Uri L2Rpc { get; set; } = new("http://127.0.0.1:8545/rpc");

    /// <summary>Bitcoin network name (regtest, testnet3, testnet4, mainnet; popm's "localnet" is regtest).</summary>
    public string Network { get; set; } = "regtest";

    /// <summary>The miner's key: 32 bytes of hex or WIF.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A fixed fee in sat/vB (≥ 1); null uses the node's estimate.</summary>
    public decimal? StaticFee { get; set; }

    /// <summary>Fee cap in sat/vB; 0 disables it.</summary>
    public decimal MaxFee { get; set; } = 100;

    /// <summary>Confirmation target of fee estimates.</summary>
    public int FeeTarget { get; set; } = 6;

    /// <summary>How often the miner loop runs (refresh the chain view, then one miner pass).</summary>
    public TimeSpan LoopInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many of the newest keystones are mined (1..50).</summary>
    public int LatestKeystones { get; set; } = 12;

    /// <summary>The first Bitcoin height the miner's chain view indexes (headers are still checked from genesis).</summary>
    public int StartHeight { get; set; }

    /// <summary>The miner grain's id (its state lives under this name in <see cref="DataDirectory"/>).</summary>
    public string MinerId { get; set; } = "popm";

    /// <summary>The Bitcoin network, resolved from <see cref="Network"/>.</summary>
    public Network ResolveNetwork()
    {
        var name = string.Equals(Network, "localnet", StringComparison.OrdinalIgnoreCase) ? "regtest" : Network;
        return Bitcoin.Network.TryGetByName(name, out var network)
            ? network
            : throw new ArgumentException($"Unknown Bitcoin network '{Network}' (regtest, testnet3, testnet4, mainnet).", nameof(Network));
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ResolveNetwork();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("--data is required.", nameof(DataDirectory));
        }

        if (StaticFee is { } fee && fee < 1)
        {
            throw new ArgumentException("--static-fee must be at least 1 sat/vB.", nameof(StaticFee));
        }

        if (MaxFee < 0)
        {
            throw new ArgumentException("--max-fee cannot be negative.", nameof(MaxFee));
        }

        if (FeeTarget < 1)
        {
            throw new ArgumentException("--fee-target must be at least 1.", nameof(FeeTarget));
        }

        if (LoopInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("--interval must be positive.", nameof(LoopInterval));
        }

        if (LatestKeystones is < 1 or > KeystoneRegistry.MaxLatestCount)
        {
            throw new ArgumentException($"--latest must be between 1 and {KeystoneRegistry.MaxLatestCount}.", nameof(LatestKeystones));
        }

        if (StartHeight < 0)
        {
            throw new ArgumentException("--start-height cannot be negative.", nameof(StartHeight));
        }

        if (string.IsNullOrWhiteSpace(PrivateKey))
        {
            throw new ArgumentException($"A private key is required (--private-key or {PrivateKeyVariable}).", nameof(PrivateKey));
        }
    }
}
