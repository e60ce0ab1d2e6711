using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>
/// Opt-in clustering for a silo: membership over an <see cref="IMembershipTable"/> and the storage-backed grain
/// directory. A silo without these calls runs exactly as the one-silo runtime.
/// </summary>
public static class ClusteringServiceCollectionExtensions
{
    /// <summary>
    /// Adds the membership protocol (table manager, health monitor, agent, cleanup) over the registered
    /// <see cref="IMembershipTable"/>. Idempotent. Defaults: <see cref="ProcessExitFatalErrorHandler"/> and the interim
    /// <see cref="TableIAmAliveSiloProber"/>, each only when none is registered yet.
    /// </summary>
    public static IServiceCollection AddClusterMembership(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSiloCore();
        if (services.Any(d => d.ServiceType == typeof(MembershipTableManager)))
        {
            return services;
        }

        AddValidatedOptions<ClusterOptions>(services, o => o.Validate());
        AddValidatedOptions<ClusterMembershipOptions>(services, o => o.Validate());
        services.TryAddSingleton<IFatalErrorHandler, ProcessExitFatalErrorHandler>();
        services.TryAddSingleton<ISiloProber, TableIAmAliveSiloProber>();
        services.AddSingleton<MembershipTableManager>();
        services.AddSingleton<IClusterMembershipService>(sp => sp.GetRequiredService<MembershipTableManager>());
        services.AddSingleton<ClusterHealthMonitor>();
        services.AddSingleton<MembershipTableCleanupAgent>();
        services.AddSingleton(sp => new MembershipAgent(
            sp.GetRequiredService<MembershipTableManager>(),
            sp.GetRequiredService<ClusterHealthMonitor>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MembershipTableCleanupAgent>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MembershipAgent>>()));
        services.AddSingleton<ISiloLifecycleParticipant, MembershipLifecycleParticipant>();
        // First in the hosted-service list, so the host stops it last (after the silo deactivated its grains and its
        // connections drained; UseSiloNetworking places its service right after this one).
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MembershipShutdownService>());
        return services;
    }

    /// <summary>
    /// Replaces the one-silo directory with <see cref="ClusterGrainDirectory"/> over the registered
    /// <see cref="IGrainDirectoryStore"/> (requires membership).
    /// </summary>
    public static IServiceCollection AddClusterGrainDirectory(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddClusterMembership();
        if (!services.Any(d => d.ServiceType == typeof(ClusterGrainDirectory)))
        {
            AddValidatedOptions<ClusterGrainDirectoryOptions>(services, o => o.Validate());
        }

        services.TryAddSingleton<ClusterGrainDirectory>();
        services.Replace(ServiceDescriptor.Singleton<IGrainDirectory>(sp => sp.GetRequiredService<ClusterGrainDirectory>()));
        return services;
    }

    /// <summary>
    /// Clustering for silos hosted in one process: they share <paramref name="table"/> and <paramref name="directory"/>
    /// (pass the same instances to every silo; each needs its own <c>SiloOptions.SiloPort</c>).
    /// </summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, InMemoryMembershipTable table, MemoryGrainDirectoryStore directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(directory);
        builder.Services.Configure<ClusterOptions>(o => o.ClusterId = table.ClusterId);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(table));
        builder.Services.Replace(ServiceDescriptor.Singleton<IGrainDirectoryStore>(directory));
        builder.Services.AddClusterGrainDirectory();
        return builder;
    }

    /// <summary>A one-silo development cluster: the full membership and directory protocol on process-local stores.</summary>
    public static ISiloBuilder UseDevelopmentClustering(this ISiloBuilder builder) =>
        builder.UseInMemoryClustering(new InMemoryMembershipTable(), new MemoryGrainDirectoryStore());

    private static void AddValidatedOptions<TOptions>(IServiceCollection services, Action<TOptions> validate)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new DelegatingOptionsValidator<TOptions>(Options.DefaultName, validate));
        services.AddOptions<TOptions>().ValidateOnStart();
    }
}
