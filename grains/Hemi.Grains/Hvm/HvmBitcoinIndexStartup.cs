using Hemi.Grains.Chain;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Hvm;

/// <summary>Activates the chain grains of <see cref="HvmBitcoinIndexOptions.RebuildOnStart"/> so their indexes are rebuilt as the silo starts.</summary>
internal sealed partial class HvmBitcoinIndexStartup(
    IGrainFactory grains,
    IOptions<HvmBitcoinIndexOptions> options,
    ILogger<HvmBitcoinIndexStartup> logger) : ISiloLifecycleParticipant
{
    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        foreach (var network in options.Value.RebuildOnStart)
        {
            try
            {
                // Activation replays the persisted chain into the index, then catches up with the source.
                var tip = await grains.GetGrain<IBitcoinChainGrain>(network).GetTipAsync().WaitAsync(cancellationToken);
                LogRebuilt(logger, network, tip.Height);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The index then fills on the chain grain's next activation; the silo itself is still useful.
                LogRebuildFailed(logger, network, e);
            }
        }
    }

    public Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "hVM Bitcoin index of {Network} rebuilt up to height {Height}")]
    private static partial void LogRebuilt(ILogger logger, string network, int height);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rebuilding the hVM Bitcoin index of {Network} at silo start failed")]
    private static partial void LogRebuildFailed(ILogger logger, string network, Exception exception);
}
