namespace Hemi.Silo.Configuration;

/// <summary>Top-level settings (section <c>Hemi</c>): where data lives and which chain this silo serves.</summary>
public sealed class HemiOptions
{
    public const string SectionName = "Hemi";

    /// <summary>The devnet's EIP-155 chain id (Hemi mainnet is 43111, Hemi Sepolia 743111; 7431337 is ours, for local devnets only).</summary>
    public const ulong DevnetChainId = 7_431_337;

    /// <summary>Root folder of file storage (grain state, objects: blocks, snapshots, the regtest chain). Relative paths resolve against the working directory.</summary>
    public string DataPath { get; set; } = "./data";

    public ulong ChainId { get; set; } = DevnetChainId;

    /// <summary>The full path of <see cref="DataPath"/>.</summary>
    public string DataFullPath => Path.GetFullPath(DataPath);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(DataPath))
        {
            yield return "Hemi:DataPath is required.";
        }

        if (ChainId is 0 or > long.MaxValue)
        {
            yield return "Hemi:ChainId must be between 1 and 2^63-1.";
        }
    }
}
