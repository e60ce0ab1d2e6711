using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Metadata;

namespace Hemi.Grains.Runtime;

/// <summary>State shared by all references of one (interface, grain type) pair, so a reference is only id + this pointer.</summary>
public sealed class GrainReferenceShared
{
    internal GrainReferenceShared(RuntimeClient runtime, GrainType grainType, GrainInterfaceInfo interfaceInfo)
    {
        Runtime = runtime;
        GrainType = grainType;
        InterfaceInfo = interfaceInfo;
    }

    /// <summary>The grain type the references point at.</summary>
    public GrainType GrainType { get; }

    /// <summary>The grain interface the references implement.</summary>
    public Type InterfaceType => InterfaceInfo.InterfaceType;

    internal GrainInterfaceInfo InterfaceInfo { get; }

    internal RuntimeClient Runtime { get; }
}
