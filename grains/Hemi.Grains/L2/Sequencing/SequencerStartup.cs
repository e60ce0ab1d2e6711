using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2.Sequencing;

/// <summary>Starts the sequencer (activation, rebuild and block timer) once the silo runs, when <see cref="SequencerOptions.StartWithSilo"/> is set.</summary>
internal sealed class SequencerStartup(IGrainFactory grains, IOptions<SequencerOptions> options) : ISiloLifecycleParticipant
{
    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.StartWithSilo)
        {
            await grains.GetGrain<ISequencerGrain>((long)options.Value.ChainId).StartAsync().WaitAsync(cancellationToken);
        }
    }

    public Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
