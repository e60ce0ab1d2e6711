using Hemi.Grains.Runtime.Hosting;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>Joins the cluster when the silo starts and writes ShuttingDown when it starts stopping.</summary>
internal sealed class MembershipLifecycleParticipant(MembershipAgent agent) : ISiloLifecycleParticipant
{
    public Task OnStartAsync(CancellationToken cancellationToken) => agent.Join(cancellationToken);

    public Task OnStopAsync(CancellationToken cancellationToken) => agent.BeginShutdown(graceful: true, cancellationToken);
}
