using System.Reflection;
using Hemi.Grains.Runtime.Messaging;

namespace Hemi.Grains.Runtime.Metadata;

/// <summary>Collects grain interfaces and classes from generated manifests and explicit registrations.</summary>
public sealed class GrainManifestBuilder
{
    private readonly Dictionary<Type, GrainInterfaceInfo> _interfaces = [];
    private readonly HashSet<Type> _grainClasses = [];
    private readonly HashSet<Assembly> _assemblies = [];

    /// <summary>The registered interfaces.</summary>
    public IReadOnlyDictionary<Type, GrainInterfaceInfo> Interfaces => _interfaces;

    /// <summary>The registered grain classes.</summary>
    public IReadOnlyCollection<Type> GrainClasses => _grainClasses;

    /// <summary>Registers a grain interface with its generated proxy factory and invoker.</summary>
    public GrainManifestBuilder AddInterface(Type interfaceType, string interfaceName, GrainProxyFactory proxyFactory, IGrainMethodInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        _interfaces[interfaceType] = new GrainInterfaceInfo(interfaceType, interfaceName, proxyFactory, invoker);
        return this;
    }

    /// <summary>Registers a grain class.</summary>
    public GrainManifestBuilder AddGrainClass(Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(grainClass);
        if (grainClass.IsAbstract || !grainClass.IsClass || grainClass.ContainsGenericParameters)
        {
            throw new ArgumentException($"{grainClass} is not a concrete grain class.", nameof(grainClass));
        }

        _grainClasses.Add(grainClass);
        return this;
    }

    /// <summary>Adds everything the generated manifest providers of <paramref name="assembly"/> declare.</summary>
    public GrainManifestBuilder AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!_assemblies.Add(assembly))
        {
            return this;
        }

        foreach (var attribute in assembly.GetCustomAttributes<GrainManifestProviderAttribute>())
        {
            var provider = (IGrainManifestProvider)Activator.CreateInstance(attribute.ProviderType)!;
            provider.Populate(this);
        }

        return this;
    }

    /// <summary>
    /// Adds the manifests of the assemblies declaring the grain interfaces of the registered grain classes, so that
    /// interfaces from a contracts assembly that was not loaded yet at discovery time still get their proxies.
    /// </summary>
    public GrainManifestBuilder AddInterfaceAssembliesOfGrainClasses()
    {
        foreach (var grainClass in _grainClasses.ToArray())
        {
            foreach (var grainInterface in grainClass.GetInterfaces())
            {
                if (typeof(IGrain).IsAssignableFrom(grainInterface) && grainInterface.Assembly.IsDefined(typeof(GrainManifestProviderAttribute), inherit: false))
                {
                    AddAssembly(grainInterface.Assembly);
                }
            }
        }

        return this;
    }

    /// <summary>Adds every loaded assembly carrying a generated manifest (automatic discovery).</summary>
    public GrainManifestBuilder AddLoadedAssemblies()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && assembly.IsDefined(typeof(GrainManifestProviderAttribute), inherit: false))
            {
                AddAssembly(assembly);
            }
        }

        return this;
    }
}
