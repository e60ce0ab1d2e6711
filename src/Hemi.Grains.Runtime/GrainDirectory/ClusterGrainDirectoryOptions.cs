namespace Hemi.Grains.Runtime.GrainDirectory;

/// <summary>Settings of <see cref="ClusterGrainDirectory"/> (Orleans: <c>GrainDirectoryOptions</c> cache settings).</summary>
public sealed class ClusterGrainDirectoryOptions
{
    /// <summary>Most cached addresses.</summary>
    public int CacheSize { get; set; } = 1_000_000;

    /// <summary>Longest time a cached address is trusted without a store read.</summary>
    public TimeSpan MaximumCacheTTL { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (CacheSize < 1)
        {
            throw new ArgumentException("CacheSize must be at least 1.");
        }

        if (MaximumCacheTTL <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaximumCacheTTL must be positive.");
        }
    }
}
