using Hemi.Grains.Runtime.Messaging;

namespace Hemi.Grains.Runtime.Metadata;

/// <summary>A grain interface known to the runtime: its proxy factory and invoker.</summary>
public sealed record GrainInterfaceInfo(Type InterfaceType, string InterfaceName, GrainProxyFactory ProxyFactory, IGrainMethodInvoker Invoker);
