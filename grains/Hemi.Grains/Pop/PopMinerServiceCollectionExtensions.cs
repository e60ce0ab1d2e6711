using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Pop;

/// <summary>Configures PoP miners (the grain itself is registered by <c>AddHemiGrains</c> with the rest of this assembly).</summary>
public static class PopMinerServiceCollectionExtensions
{
    /// <summary>Sets the options of the <see cref="IPopMinerGrain"/> whose key is <paramref name="minerId"/>.</summary>
    public static IServiceCollection AddPopMiner(this IServiceCollection services, string minerId, Action<PopMinerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(minerId);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions();
        services.Configure(minerId, configure);
        return services;
    }
}
