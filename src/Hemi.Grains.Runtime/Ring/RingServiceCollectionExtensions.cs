using Hemi.Grains.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Ring;

/// <summary>Registers the silo's <see cref="ConsistentRingProvider"/>.</summary>
public static class RingServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="ConsistentRingProvider"/> following the silo's <see cref="IClusterMembershipService"/>
    /// (idempotent). Requires clustering (e.g. <c>UseInMemoryClustering</c>, <c>UseAzureBlobClustering</c>).
    /// </summary>
    public static IServiceCollection AddConsistentRing(this IServiceCollection services, Action<ConsistentRingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(ConsistentRingProvider)))
        {
            return services;
        }

        services.AddOptions<ConsistentRingOptions>().Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.AddSingleton(sp =>
        {
            var membership = sp.GetService<IClusterMembershipService>()
                ?? throw new InvalidOperationException("The consistent ring needs cluster membership: configure clustering (e.g. UseInMemoryClustering or UseAzureBlobClustering).");
            return new ConsistentRingProvider(membership, sp.GetRequiredService<ILocalSiloDetails>(), sp.GetRequiredService<IOptions<ConsistentRingOptions>>());
        });
        return services;
    }
}
