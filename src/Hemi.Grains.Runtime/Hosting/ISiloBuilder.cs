using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Builder for configuring a silo (Orleans: <c>ISiloBuilder</c>); extension methods add grains, storage and options.</summary>
public interface ISiloBuilder
{
    /// <summary>The host's service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>The host's configuration.</summary>
    IConfiguration Configuration { get; }
}
