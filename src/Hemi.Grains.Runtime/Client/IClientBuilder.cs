using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Runtime.Client;

/// <summary>Configures an external cluster client (Orleans: <c>IClientBuilder</c>).</summary>
public interface IClientBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }

    /// <summary>The host's configuration (empty when built from a bare service collection).</summary>
    IConfiguration Configuration { get; }
}
