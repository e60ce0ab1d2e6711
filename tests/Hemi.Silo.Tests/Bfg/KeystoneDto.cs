using System.Text.Json.Serialization;
using Hemi.Protocol.Keystones;

namespace Hemi.Silo.Tests.Bfg;

/// <summary>The keystone JSON of §1.1 as a client decodes it (hex byte fields without 0x).</summary>
public sealed class KeystoneDto
{
    [JsonPropertyName("version")]
    public byte Version { get; set; }

    [JsonPropertyName("l1_block_number")]
    public uint L1BlockNumber { get; set; }

    [JsonPropertyName("l2_block_number")]
    public uint L2BlockNumber { get; set; }

    [JsonPropertyName("parent_ep_hash")]
    public string ParentEPHash { get; set; } = "";

    [JsonPropertyName("prev_ep_keystone_hash")]
    public string PrevKeystoneEPHash { get; set; } = "";

    [JsonPropertyName("state_root")]
    public string StateRoot { get; set; } = "";

    [JsonPropertyName("ep_hash")]
    public string EPHash { get; set; } = "";

    public L2Keystone ToKeystone() => new()
    {
        Version = Version,
        L1BlockNumber = L1BlockNumber,
        L2BlockNumber = L2BlockNumber,
        ParentEPHash = Convert.FromHexString(ParentEPHash),
        PrevKeystoneEPHash = Convert.FromHexString(PrevKeystoneEPHash),
        StateRoot = Convert.FromHexString(StateRoot),
        EPHash = Convert.FromHexString(EPHash),
    };
}
