namespace Hemi.Grains.Runtime.Configuration;

/// <summary>Idle activation collection and activation/deactivation limits (Orleans' names and defaults).</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>An activation with no inbound work for this long is deactivated (15 min).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (1 min).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Maximum time for <c>OnActivateAsync</c> (30 s); its token is cancelled after it.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum time for <c>OnDeactivateAsync</c> (30 s); its token is cancelled after it.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per grain type overrides of <see cref="CollectionAge"/>, keyed by grain type name.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);
}
