namespace Hemi.Grains.Runtime;

/// <summary>Marker for grain interfaces whose grains are identified by a Guid key.</summary>
public interface IGrainWithGuidKey : IGrain
{
}
