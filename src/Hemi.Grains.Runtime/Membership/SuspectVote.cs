namespace Hemi.Grains.Runtime.Membership;

/// <summary>One suspicion vote stored in the suspected silo's row: who voted and when (wall clock, UTC).</summary>
public sealed record SuspectVote(SiloAddress Voter, DateTimeOffset Time);
