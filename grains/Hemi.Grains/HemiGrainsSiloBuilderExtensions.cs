using Hemi.Grains.Chain;
using Hemi.Grains.Keystones;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains;

/// <summary>Registers the Hemi grains with a silo.</summary>
public static class HemiGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the keystone and Bitcoin chain grains. An <c>IBitcoinSource</c> must be registered separately (a
    /// <c>RegtestNode</c> in tests and devnets).
    /// </summary>
    public static ISiloBuilder AddHemiGrains(
        this ISiloBuilder builder,
        Action<BitcoinChainGrainOptions>? chain = null,
        Action<KeystoneGrainOptions>? keystones = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGrainsFromAssembly(typeof(HemiGrainsSiloBuilderExtensions).Assembly);
        builder.AddGrainsFromAssembly(typeof(IKeystoneGrain).Assembly);
        builder.Services.AddOptions();
        if (chain is not null)
        {
            // Every network's named options; a test or host may add per-network settings with Configure(name, ...).
            builder.Services.ConfigureAll(chain);
        }

        var keystoneOptions = builder.Services.AddOptions<KeystoneGrainOptions>();
        if (keystones is not null)
        {
            keystoneOptions.Configure(keystones);
        }

        return builder;
    }
}
