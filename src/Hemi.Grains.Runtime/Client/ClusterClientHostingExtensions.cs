using System.Net;
using System.Reflection;
using Hemi.Grains.Runtime.Client;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>
/// Adds an external <see cref="IClusterClient"/> to a host (Orleans: <c>UseOrleansClient</c>). Not for a host that also
/// runs a silo: a silo's own <see cref="IClusterClient"/> needs no gateway.
/// </summary>
public static class ClusterClientHostingExtensions
{
    private const string ManifestName = "client";

    /// <summary>Adds the client to the application host and configures it; it connects when the host starts.</summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<IClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddClusterClient(configure, builder.Configuration);
        return builder;
    }

    /// <summary>Adds the client to <paramref name="services"/> (also registered as a hosted service).</summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, Action<IClientBuilder> configure, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new ClientBuilder(services, configuration ?? new ConfigurationBuilder().Build());
        if (!services.Any(d => d.ServiceType == typeof(ClusterClient)))
        {
            services.AddOptions();
            services.AddLogging();
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<ClusterClientOptions>().Validate(o => { o.Validate(); return true; }).ValidateOnStart();
            services.TryAddSingleton<IGatewayListProvider>(sp => sp.GetService<IMembershipTable>() is { } table
                ? new MembershipTableGatewayListProvider(table)
                : throw new InvalidOperationException("The cluster client has no gateways: call UseStaticGateways, UseInMemoryClustering or UseAzureBlobClustering."));
            services.AddSingleton(sp =>
            {
                var manifestOptions = sp.GetRequiredService<IOptionsMonitor<GrainManifestOptions>>().Get(ManifestName);
                var manifest = new GrainManifestBuilder();
                if (manifestOptions.DiscoverLoadedAssemblies)
                {
                    manifest.AddLoadedAssemblies();
                }

                foreach (var assembly in manifestOptions.Assemblies)
                {
                    manifest.AddAssembly(assembly);
                }

                return new ClusterClient(
                    new GrainManifest(manifest),
                    sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value,
                    sp.GetRequiredService<IGatewayListProvider>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILoggerFactory>());
            });
            services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
            services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
            services.AddHostedService(sp => sp.GetRequiredService<ClusterClient>());
        }

        configure(builder);
        return services;
    }

    /// <summary>Configures <see cref="ClusterClientOptions"/> (cluster id, timeouts, refresh period).</summary>
    public static IClientBuilder Configure(this IClientBuilder builder, Action<ClusterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Uses a fixed list of gateway endpoints.</summary>
    public static IClientBuilder UseStaticGateways(this IClientBuilder builder, params IPEndPoint[] gateways)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = new StaticGatewayListProvider(gateways);
        builder.Services.Replace(ServiceDescriptor.Singleton<IGatewayListProvider>(provider));
        return builder;
    }

    /// <summary>Discovers gateways from a membership table (Active silos with a gateway port).</summary>
    public static IClientBuilder UseMembershipTableGateways(this IClientBuilder builder, IMembershipTable table)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(table);
        builder.Services.Replace(ServiceDescriptor.Singleton<IGatewayListProvider>(new MembershipTableGatewayListProvider(table)));
        return builder;
    }

    /// <summary>Joins a cluster of silos in this process that use <c>UseInMemoryClustering(table, …)</c>.</summary>
    public static IClientBuilder UseInMemoryClustering(this IClientBuilder builder, InMemoryMembershipTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        builder.Configure(o => o.ClusterId = table.ClusterId);
        return builder.UseMembershipTableGateways(table);
    }

    /// <summary>Adds the grain interfaces of an assembly (its generated manifest); loaded assemblies are discovered too.</summary>
    public static IClientBuilder AddGrainsFromAssembly(this IClientBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        builder.Services.Configure<GrainManifestOptions>(ManifestName, o => o.Assemblies.Add(assembly));
        return builder;
    }
}
