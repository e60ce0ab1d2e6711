using Microsoft.Extensions.Hosting;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// Writes this silo Dead as the very last step of host shutdown. Registered first among hosted services so it is
/// stopped last: after the silo deactivated its grains, so survivors take their entries over only once they are gone.
/// </summary>
internal sealed class MembershipShutdownService(MembershipAgent agent) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => agent.CompleteShutdown(cancellationToken);
}
