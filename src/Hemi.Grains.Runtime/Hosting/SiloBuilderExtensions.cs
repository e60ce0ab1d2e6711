using System.Reflection;
using Hemi.Grains.Runtime.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Configuration helpers on <see cref="ISiloBuilder"/>.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Configures an options class (e.g. <c>SiloMessagingOptions</c>).</summary>
    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds services.</summary>
    public static ISiloBuilder ConfigureServices(this ISiloBuilder builder, Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder.Services);
        return builder;
    }

    /// <summary>
    /// Adds the grain interfaces and classes of an assembly (its generated manifest). Loaded assemblies with a
    /// manifest are also discovered automatically at start; this makes the dependency explicit.
    /// </summary>
    public static ISiloBuilder AddGrainsFromAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        builder.Services.Configure<GrainManifestOptions>(o => o.Assemblies.Add(assembly));
        return builder;
    }

    /// <summary>Adds one grain class (its interfaces still need generated proxies).</summary>
    public static ISiloBuilder AddGrainClass(this ISiloBuilder builder, Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<GrainManifestOptions>(o => o.GrainClasses.Add(grainClass));
        return builder;
    }

    /// <summary>Turns off automatic discovery of loaded assemblies (only explicitly added ones are used).</summary>
    public static ISiloBuilder DisableAutomaticGrainDiscovery(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<GrainManifestOptions>(o => o.DiscoverLoadedAssemblies = false);
        return builder;
    }
}
