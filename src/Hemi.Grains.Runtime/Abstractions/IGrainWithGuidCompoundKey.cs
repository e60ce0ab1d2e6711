namespace Hemi.Grains.Runtime;

/// <summary>Marker for grain interfaces whose grains are identified by a Guid key plus a string extension.</summary>
public interface IGrainWithGuidCompoundKey : IGrain
{
}
