namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// Maps grain ids to their single activation (Orleans: <c>IGrainDirectory</c>). Registration is first-writer-wins:
/// <see cref="Register"/> returns the winning address, which differs from the argument when another activation exists.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Registers <paramref name="address"/> unless another entry exists (other than <paramref name="previousAddress"/>); returns the winner.</summary>
    Task<GrainAddress> Register(GrainAddress address, GrainAddress? previousAddress = null);

    /// <summary>Removes the entry only if it is still <paramref name="address"/> (same activation).</summary>
    Task Unregister(GrainAddress address);

    /// <summary>Finds the registered activation, or null.</summary>
    Task<GrainAddress?> Lookup(GrainId grainId);
}
