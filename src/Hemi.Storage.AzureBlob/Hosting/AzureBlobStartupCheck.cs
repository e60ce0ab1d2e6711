using Microsoft.Extensions.Hosting;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// Opens a provider's container when the host starts, so a wrong key or endpoint fails the start with a clear
/// message instead of the first grain call.
/// </summary>
internal sealed class AzureBlobStartupCheck(Func<CancellationToken, Task> initialize) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initialize(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
