using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>The default <see cref="ISiloBuilder"/>.</summary>
internal sealed class SiloBuilder : ISiloBuilder
{
    public SiloBuilder(IServiceCollection services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
        services.AddSiloCore();
    }

    public IServiceCollection Services { get; }

    public IConfiguration Configuration { get; }
}
