namespace Hemi.Grains.Runtime.Configuration;

/// <summary>Call-path settings (Orleans' names and defaults).</summary>
public sealed class SiloMessagingOptions
{
    /// <summary>How long a caller waits for a response before it gets a <see cref="TimeoutException"/> (30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a message may be re-routed to another activation (2).</summary>
    public int MaxForwardCount { get; set; } = 2;

    /// <summary>Drop requests whose caller has already timed out instead of running them (true).</summary>
    public bool DropExpiredMessages { get; set; } = true;
}
