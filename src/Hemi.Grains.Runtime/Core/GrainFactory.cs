using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Metadata;

namespace Hemi.Grains.Runtime.Core;

/// <summary>
/// The in-process <see cref="IGrainFactory"/>/<see cref="IClusterClient"/>. Resolution of interface → grain class
/// and proxy factory happens once per (interface, prefix) and is cached; a reference then costs one small object.
/// </summary>
internal sealed class GrainFactory : IClusterClient, IGrainReferenceFactory
{
    private readonly ConcurrentDictionary<(Type Interface, string? Prefix), GrainReferenceShared> _byInterface = new();
    private readonly ConcurrentDictionary<(Type Interface, GrainType Type), GrainReferenceShared> _byGrainType = new();
    private readonly GrainManifest _manifest;
    private readonly RuntimeClient _runtime;

    public GrainFactory(GrainManifest manifest, RuntimeClient runtime)
    {
        _manifest = manifest;
        _runtime = runtime;
        runtime.GrainFactory = this;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey, grainClassNamePrefix);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey
        => Create<TGrainInterface>(GrainIdKeyExtensions.CreateGuidKey(primaryKey), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey
        => Create<TGrainInterface>(GrainIdKeyExtensions.CreateIntegerKey(primaryKey), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey
    {
        ValidateExtension(keyExtension);
        return Create<TGrainInterface>(GrainIdKeyExtensions.CreateGuidKey(primaryKey, keyExtension), grainClassNamePrefix);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey
    {
        ValidateExtension(keyExtension);
        return Create<TGrainInterface>(GrainIdKeyExtensions.CreateIntegerKey(primaryKey, keyExtension), grainClassNamePrefix);
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("A grain id must be set.", nameof(grainId));
        }

        return (TGrainInterface)GetGrain(typeof(TGrainInterface), grainId);
    }

    public object GetGrain(Type interfaceType, GrainId grainId)
    {
        var shared = _byGrainType.GetOrAdd((interfaceType, grainId.Type), static (key, self) =>
            new GrainReferenceShared(self._runtime, key.Type, self._manifest.GetInterface(key.Interface)), this);
        return shared.InterfaceInfo.ProxyFactory(shared, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key, string? prefix)
    {
        var shared = _byInterface.GetOrAdd((typeof(TGrainInterface), prefix), static (k, self) =>
        {
            var grainClass = self._manifest.ResolveClass(k.Interface, k.Prefix);
            return new GrainReferenceShared(self._runtime, grainClass.GrainType, self._manifest.GetInterface(k.Interface));
        }, this);
        return (TGrainInterface)(object)shared.InterfaceInfo.ProxyFactory(shared, new GrainId(shared.GrainType, key));
    }

    private static void ValidateExtension(string keyExtension)
    {
        // The primary part never contains '+', so the first '+' always separates it from the extension.
        ArgumentNullException.ThrowIfNull(keyExtension);
    }
}
