using System.Collections.Frozen;
using Hemi.Grains.Runtime.Metadata;

namespace Hemi.Grains.Runtime.Core;

/// <summary>The silo's immutable view of known grain interfaces and classes, with interface → class resolution.</summary>
internal sealed class GrainManifest
{
    private readonly FrozenDictionary<Type, GrainInterfaceInfo> _interfaces;
    private readonly FrozenDictionary<GrainType, GrainClassInfo> _classesByType;
    private readonly FrozenDictionary<Type, GrainClassInfo[]> _implementations;

    public GrainManifest(GrainManifestBuilder builder)
    {
        _interfaces = builder.Interfaces.ToFrozenDictionary();
        var classes = builder.GrainClasses.Select(t => new GrainClassInfo(t)).ToList();
        var byType = new Dictionary<GrainType, GrainClassInfo>();
        foreach (var info in classes)
        {
            if (byType.TryGetValue(info.GrainType, out var existing) && existing.ClassType != info.ClassType)
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.ClassType} and {info.ClassType} both use grain type '{info.GrainType}'; set [GrainType] on one of them.");
            }

            byType[info.GrainType] = info;
        }

        _classesByType = byType.ToFrozenDictionary();
        _implementations = classes
            .SelectMany(c => c.GrainInterfaces.Select(i => (Interface: i, Class: c)))
            .GroupBy(x => x.Interface)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Class).ToArray());
    }

    public IEnumerable<GrainClassInfo> Classes => _classesByType.Values;

    public IEnumerable<GrainInterfaceInfo> Interfaces => _interfaces.Values;

    public GrainClassInfo? GetClass(GrainType grainType) => _classesByType.GetValueOrDefault(grainType);

    public GrainInterfaceInfo GetInterface(Type interfaceType)
        => _interfaces.TryGetValue(interfaceType, out var info)
            ? info
            : throw new InvalidOperationException(
                $"No generated proxy for grain interface {interfaceType}. Is Hemi.Grains.CodeGen referenced as an analyzer by the assembly that declares it?");

    public GrainClassInfo ResolveClass(Type interfaceType, string? grainClassNamePrefix)
    {
        if (!_implementations.TryGetValue(interfaceType, out var candidates) || candidates.Length == 0)
        {
            throw new ArgumentException($"No grain class implements {interfaceType}.", nameof(interfaceType));
        }

        if (grainClassNamePrefix is not null)
        {
            candidates = candidates.Where(c => (c.ClassType.FullName ?? c.ClassType.Name).StartsWith(grainClassNamePrefix, StringComparison.Ordinal)).ToArray();
        }

        return candidates.Length switch
        {
            1 => candidates[0],
            0 => throw new ArgumentException($"No grain class implementing {interfaceType} matches prefix '{grainClassNamePrefix}'."),
            _ => throw new ArgumentException(
                $"Several grain classes implement {interfaceType} ({string.Join(", ", candidates.Select(c => c.ClassType.Name))}); pass a grainClassNamePrefix."),
        };
    }
}
