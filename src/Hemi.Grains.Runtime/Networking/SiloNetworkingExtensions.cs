using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Messaging;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// Opt-in silo-to-silo transport: a listener on the silo's address (also the client gateway), a
/// <see cref="SiloConnectionManager"/> fed by membership, <see cref="NetworkSiloProber"/> in place of the interim table
/// prober, and grain calls routed across silos (directory, then placement among active silos).
/// </summary>
public static class SiloNetworkingExtensions
{
    /// <summary>Adds the transport (and cluster membership, which it needs). Idempotent.</summary>
    public static ISiloBuilder UseSiloNetworking(this ISiloBuilder builder, Action<SiloNetworkingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddClusterMembership();
        if (services.Any(d => d.ServiceType == typeof(SiloNetworkingHostedService)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return builder;
        }

        // The preamble's cluster id is the membership cluster id unless configured otherwise.
        services.AddOptions<SiloNetworkingOptions>()
            .Configure<IOptions<ClusterOptions>>((o, cluster) => o.ClusterId = cluster.Value.ClusterId)
            .Validate(o => { o.Validate(); return true; });
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // Grain calls cross silos: inbound frames are served by the catalog, outbound calls are routed by directory and placement.
        services.Replace(ServiceDescriptor.Singleton<ISiloMessageHandler, GrainCallMessageHandler>());
        services.TryAddSingleton(sp => new GrainCallCodec(
            sp.GetRequiredService<GrainManifest>().Interfaces,
            sp.GetRequiredService<GrainFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddPlacementDirectors();
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IGrainDirectory>();
            if (directory is LocalGrainDirectory)
            {
                throw new InvalidOperationException(
                    "UseSiloNetworking needs the cluster grain directory: add UseInMemoryClustering, UseDevelopmentClustering or UseAzureBlobGrainDirectory.");
            }

            return ActivatorUtilities.CreateInstance<GrainCallRouter>(sp, directory);
        });
        // The silo port doubles as the client gateway port advertised in membership, unless one is configured.
        services.AddOptions<ClusterOptions>().PostConfigure<IOptions<SiloOptions>>((cluster, silo) =>
        {
            if (cluster.GatewayPort == 0)
            {
                cluster.GatewayPort = silo.Value.SiloPort;
            }
        });
        services.AddSingleton(sp => new SiloConnectionManager(
            sp.GetRequiredService<ILocalSiloDetails>().SiloAddress,
            sp.GetRequiredService<IOptions<SiloNetworkingOptions>>().Value,
            new ClusterMembershipViewSource(sp.GetRequiredService<IClusterMembershipService>()),
            sp.GetRequiredService<ISiloMessageHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SiloConnectionManager>>()));
        services.Replace(ServiceDescriptor.Singleton<ISiloProber>(sp => new NetworkSiloProber(
            () => sp.GetRequiredService<SiloConnectionManager>(),
            sp.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout)));
        services.AddSingleton<SiloNetworkingHostedService>();
        // Started first (peers can reach this silo before it joins) and stopped after everything else but the final
        // Dead write: connections drain while peers still see this silo shutting down, so they readdress refused calls
        // instead of failing them as sent to a dead silo. The host stops hosted services in reverse order.
        int membershipShutdown = services.ToList().FindIndex(d => d.ImplementationType == typeof(Membership.MembershipShutdownService));
        services.Insert(membershipShutdown + 1, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<SiloNetworkingHostedService>()));
        return builder;
    }
}
