namespace Hemi.Grains.Runtime.Core;

/// <summary>Creates a proxy typed by a runtime <see cref="Type"/> (decoding grain reference arguments).</summary>
internal interface IGrainReferenceFactory
{
    /// <summary>A reference to <paramref name="grainId"/> implementing <paramref name="interfaceType"/>.</summary>
    object GetGrain(Type interfaceType, GrainId grainId);
}
