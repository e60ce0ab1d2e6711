using System.Text.Json.Serialization;

namespace Hemi.Protocol.Keystones;

/// <summary>
/// The full L2 keystone (<c>hemi.L2Keystone</c>): a summary of an L2 block whose number is a multiple
/// of the keystone period. Hash fields hold the bytes as they appear in the L2 block (Ethereum order).
/// </summary>
public sealed record L2Keystone
{
    /// <summary>The only keystone version Hemi defines.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Hemi's keystone period (<c>KeystoneHeaderPeriod</c>): every 25th L2 block.</summary>
    public const uint DefaultPeriod = 25;

    [JsonPropertyName("version")]
    public byte Version { get; init; } = CurrentVersion;

    [JsonPropertyName("l1_block_number")]
    public uint L1BlockNumber { get; init; }

    [JsonPropertyName("l2_block_number")]
    public uint L2BlockNumber { get; init; }

    [JsonPropertyName("parent_ep_hash")]
    public byte[] ParentEPHash { get; init; } = [];

    [JsonPropertyName("prev_ep_keystone_hash")]
    public byte[] PrevKeystoneEPHash { get; init; } = [];

    [JsonPropertyName("state_root")]
    public byte[] StateRoot { get; init; } = [];

    [JsonPropertyName("ep_hash")]
    public byte[] EPHash { get; init; } = [];

    /// <summary>
    /// The 76-byte form published on Bitcoin: each hash truncated by prefix copy (11 bytes of the parent
    /// hash, 12 of the others, the full state root); shorter inputs leave trailing zeros, as Go's <c>copy</c> does.
    /// </summary>
    public L2KeystoneAbrev Abbreviate() => L2KeystoneAbrev.FromKeystone(this);

    /// <summary>Whether this keystone and <paramref name="other"/> carry the same values (byte arrays compared by content).</summary>
    public bool ContentEquals(L2Keystone? other) =>
        other is not null
        && Version == other.Version
        && L1BlockNumber == other.L1BlockNumber
        && L2BlockNumber == other.L2BlockNumber
        && ParentEPHash.AsSpan().SequenceEqual(other.ParentEPHash)
        && PrevKeystoneEPHash.AsSpan().SequenceEqual(other.PrevKeystoneEPHash)
        && StateRoot.AsSpan().SequenceEqual(other.StateRoot)
        && EPHash.AsSpan().SequenceEqual(other.EPHash);
}
