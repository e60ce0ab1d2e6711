namespace Hemi.Grains.Runtime.Ring;

/// <summary>Settings of the silo's <see cref="ConsistentRingProvider"/>.</summary>
public sealed class ConsistentRingOptions
{
    /// <summary>Virtual points per silo (default 30, Orleans' <c>NumVirtualBucketsConsistentRing</c>); 1 to 1024.</summary>
    public int VirtualPointsPerSilo { get; set; } = ConsistentRing.DefaultPointsPerSilo;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (VirtualPointsPerSilo is < 1 or > ConsistentRing.MaxPointsPerSilo)
        {
            throw new ArgumentOutOfRangeException(nameof(VirtualPointsPerSilo), VirtualPointsPerSilo, $"{nameof(VirtualPointsPerSilo)} must be between 1 and {ConsistentRing.MaxPointsPerSilo}.");
        }
    }
}
