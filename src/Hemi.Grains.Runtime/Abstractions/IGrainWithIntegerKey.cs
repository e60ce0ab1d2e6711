namespace Hemi.Grains.Runtime;

/// <summary>Marker for grain interfaces whose grains are identified by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain
{
}
