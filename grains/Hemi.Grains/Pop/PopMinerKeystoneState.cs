using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Pop;

/// <summary>The persisted state of one keystone a miner tracks.</summary>
public sealed class PopMinerKeystoneState
{
    /// <summary>The keystone hash (display hex).</summary>
    public string KeystoneHash { get; set; } = "";

    /// <summary>The keystone (needed to build its transaction).</summary>
    public L2Keystone? Keystone { get; set; }

    /// <summary>The state machine's position.</summary>
    public PopMinerEntryStatus Status { get; set; }

    /// <summary>The signed transaction's id (display hex), once signed.</summary>
    public string? TxId { get; set; }

    /// <summary>The signed transaction, persisted before its first broadcast.</summary>
    public string? TxHex { get; set; }

    /// <summary>The latest failure.</summary>
    public string? LastError { get; set; }

    /// <summary>When an Error entry is retried.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>The block of the first publication.</summary>
    public string? BlockHash { get; set; }

    /// <summary>Its height, −1 when unpublished.</summary>
    public int BlockHeight { get; set; } = -1;

    /// <summary>When the miner first saw the keystone.</summary>
    public DateTimeOffset DiscoveredAt { get; set; }
}
