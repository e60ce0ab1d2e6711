using Hemi.Grains.L2.Accounts;
using Hemi.Grains.L2.Blocks;
using Hemi.Grains.L2.Ingress;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2;

/// <summary>Registers the L2 chain grains (sequencer, blocks, accounts, transaction ingress) with a silo.</summary>
public static class HemiL2SiloBuilderExtensions
{
    /// <summary>
    /// Adds the L2 grains with their <see cref="SequencerOptions"/> (validated at host start). Needs an
    /// <c>IObjectStore</c> named <see cref="SequencerOptions.ObjectStoreName"/>, and for Bitcoin attributes, payouts and
    /// keystones the grains of <c>AddHemiGrains</c> with an <c>IBitcoinSource</c>; without a source, blocks carry no
    /// new Bitcoin headers.
    /// </summary>
    public static ISiloBuilder AddHemiL2(this ISiloBuilder builder, Action<SequencerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddGrainClass(typeof(SequencerGrain));
        builder.AddGrainClass(typeof(BlockGrain));
        builder.AddGrainClass(typeof(AccountGrain));
        builder.AddGrainClass(typeof(TransactionIngressGrain));
        builder.AddGrainsFromAssembly(typeof(ISequencerGrain).Assembly);
        builder.Services.AddOptions<SequencerOptions>().Configure(configure).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SequencerOptions>>(
            new DelegatingOptionsValidator<SequencerOptions>(Options.DefaultName, o => o.Validate()));
        builder.Services.AddSingleton<ISiloLifecycleParticipant, SequencerStartup>();
        builder.Services.AddSingleton<SequencerAdmissionBatcher>();
        return builder;
    }
}
