using Hemi.Grains.Indexing;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hemi.Grains.Hvm;

/// <summary>Registers the hVM Bitcoin index (the transaction/UTXO data behind precompiles 0x40–0x43) with a silo.</summary>
public static class HvmBitcoinIndexSiloBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IHvmBitcoinIndexProvider"/> (a singleton holding one <see cref="HvmBitcoinIndex"/> per network),
    /// the <see cref="HvmBitcoinIndexerFactory"/> that lets every <c>BitcoinChainGrain</c> feed it, and the start-up
    /// rebuild of <see cref="HvmBitcoinIndexOptions.RebuildOnStart"/>. Use with <c>AddHemiGrains</c> and an
    /// <c>IBitcoinSource</c>. Calling it twice registers everything once.
    /// </summary>
    public static ISiloBuilder AddHvmBitcoinIndex(this ISiloBuilder builder, Action<HvmBitcoinIndexOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<HvmBitcoinIndexOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.RetainedSnapshots >= 1, $"{nameof(HvmBitcoinIndexOptions.RetainedSnapshots)} must be at least 1.");
        options.Validate(o => o.MaxRewindBlocks >= 0, $"{nameof(HvmBitcoinIndexOptions.MaxRewindBlocks)} must not be negative.");
        builder.Services.TryAddSingleton<IHvmBitcoinIndexProvider, HvmBitcoinIndexProvider>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IBlockIndexerFactory, HvmBitcoinIndexerFactory>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISiloLifecycleParticipant, HvmBitcoinIndexStartup>());
        return builder;
    }
}
