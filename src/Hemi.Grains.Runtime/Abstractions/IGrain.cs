namespace Hemi.Grains.Runtime;

/// <summary>Marker for grain interfaces. Derive from one of the key-shape interfaces, not from this directly.</summary>
public interface IGrain : IAddressable
{
}
