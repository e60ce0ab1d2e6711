namespace Hemi.Silo.Configuration;

/// <summary>The embedded regtest Bitcoin node (section <c>Hemi:Bitcoin</c>).</summary>
public sealed class BitcoinOptions
{
    public const string SectionName = "Hemi:Bitcoin";

    /// <summary>Network name: the key of the Bitcoin chain grain (only the embedded "regtest" node is supported by this host).</summary>
    public string Network { get; set; } = "regtest";

    /// <summary>How often the node mines a block; <see cref="TimeSpan.Zero"/> = never on its own.</summary>
    public TimeSpan BlockInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Blocks mined to the PoP miner's key when the chain is shorter (101 make one coinbase spendable).</summary>
    public int InitialBlocks { get; set; } = 110;

    /// <summary>Loopback port of the node's bitcoind-compatible JSON-RPC (no authentication); 0 disables it.</summary>
    public int RpcPort { get; set; } = 18443;

    /// <summary>How often the Bitcoin chain grain polls the node.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<string> Validate()
    {
        if (Network != "regtest")
        {
            yield return "Hemi:Bitcoin:Network: only the embedded regtest node is supported (\"regtest\").";
        }

        if (BlockInterval < TimeSpan.Zero)
        {
            yield return "Hemi:Bitcoin:BlockInterval cannot be negative.";
        }

        if (InitialBlocks is < 0 or > 10_000)
        {
            yield return "Hemi:Bitcoin:InitialBlocks must be between 0 and 10000.";
        }

        if (RpcPort is < 0 or > 65535)
        {
            yield return "Hemi:Bitcoin:RpcPort must be between 0 and 65535.";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return "Hemi:Bitcoin:PollInterval must be positive.";
        }
    }
}
