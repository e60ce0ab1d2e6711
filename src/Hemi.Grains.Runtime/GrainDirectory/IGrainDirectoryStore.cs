namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>
/// A strongly consistent, storage-backed grain directory (Orleans' pluggable <c>IGrainDirectory</c>, e.g.
/// <c>AzureTableGrainDirectory</c>): one entry per grain, linearizable per grain. It knows nothing about membership;
/// <see cref="ClusterGrainDirectory"/> decides which entries belong to dead silos and may be replaced.
/// Storage failures throw <see cref="GrainDirectoryException"/>.
/// </summary>
public interface IGrainDirectoryStore
{
    /// <summary>
    /// Stores <paramref name="entry"/> if the grain has no entry, or if its entry is still the activation named by
    /// <paramref name="previous"/> (a conditional take-over); otherwise leaves the store unchanged. Returns the entry
    /// that is registered afterwards: <paramref name="entry"/> on success, else the existing winner.
    /// </summary>
    Task<GrainDirectoryEntry> Register(GrainDirectoryEntry entry, GrainDirectoryEntry? previous);

    /// <summary>Removes the grain's entry only if it is still <paramref name="address"/> (same activation); true when removed.</summary>
    Task<bool> Unregister(GrainAddress address);

    /// <summary>The grain's entry, or null.</summary>
    Task<GrainDirectoryEntry?> Lookup(GrainId grainId);
}
