using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Core;
using Hemi.Grains.Runtime.Metadata;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Scheduler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Registers the silo runtime's services.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds the runtime (idempotent). Normally called through <c>UseSilo</c>.</summary>
    public static IServiceCollection AddSiloCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(Catalog)))
        {
            return services;
        }

        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        var validator = new SiloOptionsValidator();
        services.AddSingleton<IValidateOptions<SiloOptions>>(validator);
        services.AddSingleton<IValidateOptions<SiloMessagingOptions>>(validator);
        services.AddSingleton<IValidateOptions<GrainCollectionOptions>>(validator);
        services.AddSingleton<IValidateOptions<SchedulingOptions>>(validator);
        services.AddSingleton<IValidateOptions<ReminderOptions>>(validator);
        services.AddOptions<SiloOptions>().ValidateOnStart();
        services.AddOptions<SiloMessagingOptions>().ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().ValidateOnStart();
        services.AddOptions<SchedulingOptions>().ValidateOnStart();
        services.AddOptions<ReminderOptions>().ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GrainManifestOptions>>().Value;
            var builder = new GrainManifestBuilder();
            if (options.DiscoverLoadedAssemblies)
            {
                builder.AddLoadedAssemblies();
            }

            foreach (var assembly in options.Assemblies)
            {
                builder.AddAssembly(assembly);
            }

            foreach (var grainClass in options.GrainClasses)
            {
                builder.AddGrainClass(grainClass);
            }

            builder.AddInterfaceAssembliesOfGrainClasses();
            return new GrainManifest(builder);
        });
        services.AddSingleton<ILocalSiloDetails, LocalSiloDetails>();
        services.AddSingleton<SchedulerContext>();
        services.AddSingleton<InsideRuntimeClient>();
        services.AddSingleton<GrainActivator>();
        services.TryAddSingleton<IGrainDirectory, LocalGrainDirectory>();
        services.TryAddSingleton<IPlacementDirector, PreferLocalPlacementDirector>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton<GrainFactory>(sp =>
        {
            var factory = new GrainFactory(sp.GetRequiredService<GrainManifest>(), sp.GetRequiredService<InsideRuntimeClient>());
            _ = sp.GetRequiredService<Catalog>();
            return factory;
        });
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainFactory>());
        services.AddSingleton<Silo>();
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        return services;
    }
}
