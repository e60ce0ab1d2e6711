using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Adds a silo to a host (Orleans: <c>UseOrleans</c>).</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds a silo to the application host and configures it.</summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        configure(GetOrCreateBuilder(builder.Services, builder.Configuration));
        return builder;
    }

    /// <summary>Adds a silo to the host and configures it.</summary>
    public static IHostBuilder UseSilo(this IHostBuilder builder, Action<HostBuilderContext, ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureServices((context, services) => configure(context, GetOrCreateBuilder(services, context.Configuration)));
    }

    /// <summary>Adds a silo to the host and configures it.</summary>
    public static IHostBuilder UseSilo(this IHostBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseSilo((_, silo) => configure(silo));
    }

    private static ISiloBuilder GetOrCreateBuilder(IServiceCollection services, IConfiguration configuration)
    {
        // UseSilo may be called more than once; all calls configure the same silo.
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(SiloBuilderMarker))?.ImplementationInstance as SiloBuilderMarker;
        if (existing is not null)
        {
            return existing.Builder;
        }

        var builder = new SiloBuilder(services, configuration);
        services.AddSingleton(new SiloBuilderMarker(builder));
        return builder;
    }

    private sealed class SiloBuilderMarker(ISiloBuilder builder)
    {
        public ISiloBuilder Builder { get; } = builder;
    }
}
