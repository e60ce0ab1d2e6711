namespace Hemi.Grains.Runtime;

/// <summary>Marker for anything that has a <see cref="GrainId"/> and can be called through a reference.</summary>
public interface IAddressable
{
}
