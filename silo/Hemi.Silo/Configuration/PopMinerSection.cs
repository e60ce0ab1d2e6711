using Hemi.Crypto;

namespace Hemi.Silo.Configuration;

/// <summary>The built-in PoP miner (section <c>Hemi:PopMiner</c>).</summary>
public sealed class PopMinerSection
{
    public const string SectionName = "Hemi:PopMiner";

    public bool Enabled { get; set; } = true;

    /// <summary>Its grain key.</summary>
    public string MinerId { get; set; } = "devnet";

    /// <summary>The miner's secp256k1 key (64 hex digits). Devnet default: keccak256("hemi-devnet-popm") — public, never use it elsewhere.</summary>
    public string PrivateKeyHex { get; set; } = Convert.ToHexStringLower(Keccak256.Hash("hemi-devnet-popm"u8));

    /// <summary>How often a miner pass runs.</summary>
    public TimeSpan LoopInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A fixed fee rate (sat/vB); null uses the node's estimate.</summary>
    public decimal? StaticFeeSatPerVByte { get; set; } = 2;

    public IEnumerable<string> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(MinerId))
        {
            yield return "Hemi:PopMiner:MinerId is required.";
        }

        if (PrivateKeyHex.Length != 64 || !PrivateKeyHex.All(char.IsAsciiHexDigit))
        {
            yield return "Hemi:PopMiner:PrivateKeyHex must be 64 hex digits.";
        }

        if (LoopInterval <= TimeSpan.Zero)
        {
            yield return "Hemi:PopMiner:LoopInterval must be positive.";
        }

        if (StaticFeeSatPerVByte is < 1)
        {
            yield return "Hemi:PopMiner:StaticFeeSatPerVByte must be at least 1.";
        }
    }
}
