namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// One silo's row in the membership table (Orleans: <c>MembershipEntry</c>). Immutable: the protocol derives a
/// new entry and writes it with compare-and-swap.
/// </summary>
public sealed record MembershipEntry
{
    /// <summary>The silo (endpoint + generation); the row key.</summary>
    public required SiloAddress SiloAddress { get; init; }

    /// <summary>The silo's status.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>Suspicion votes against this silo (voter, time), oldest first.</summary>
    public IReadOnlyList<SuspectVote> SuspectTimes { get; init; } = [];

    /// <summary>The client gateway port, or 0 when the silo is not a gateway.</summary>
    public int ProxyPort { get; init; }

    /// <summary>The host name (informational).</summary>
    public string HostName { get; init; } = string.Empty;

    /// <summary>The silo name (informational).</summary>
    public string SiloName { get; init; } = string.Empty;

    /// <summary>When the silo process started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The silo's last heartbeat (written unconditionally, outside the table version).</summary>
    public DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>The votes newer than <paramref name="expiration"/> at <paramref name="now"/>.</summary>
    public IReadOnlyList<SuspectVote> GetFreshVotes(DateTimeOffset now, TimeSpan expiration)
    {
        var fresh = new List<SuspectVote>(SuspectTimes.Count);
        foreach (var vote in SuspectTimes)
        {
            // A vote from the future (clock skew) is treated as fresh, as Orleans does.
            if (now - vote.Time < expiration)
            {
                fresh.Add(vote);
            }
        }

        return fresh;
    }

    /// <summary>
    /// True when the heartbeat is older than <paramref name="staleAfter"/>: the silo missed its IAmAlive updates.
    /// Such rows do not count as live voters and are always monitored.
    /// </summary>
    public bool HasMissedIAmAlives(DateTimeOffset now, TimeSpan staleAfter) => now - LastActivity > staleAfter;

    /// <summary>The later of <see cref="IAmAliveTime"/> and <see cref="StartTime"/>: the last sign of life.</summary>
    public DateTimeOffset LastActivity => IAmAliveTime > StartTime ? IAmAliveTime : StartTime;

    /// <inheritdoc/>
    public override string ToString() => $"{SiloAddress} {Status} votes={SuspectTimes.Count} alive={IAmAliveTime:O}";
}
