namespace Hemi.Bitcoin.Tests.Chain;

/// <summary>A clock stopped at a given instant, so the future-time rule is deterministic.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static FixedTimeProvider At(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    public override DateTimeOffset GetUtcNow() => now;
}
