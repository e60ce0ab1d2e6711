using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hemi.Grains.Runtime.Placement;

/// <summary>Registers the placement directors for routing code.</summary>
public static class PlacementServiceCollectionExtensions
{
    /// <summary>Adds a singleton <see cref="PlacementDirectorResolver"/> with the default directors (idempotent).</summary>
    public static IServiceCollection AddPlacementDirectors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new PlacementDirectorResolver());
        return services;
    }
}
