namespace Hemi.Grains.Runtime.Hosting;

/// <summary>A component started after the silo core and stopped (in reverse order) before activations are deactivated.</summary>
public interface ISiloLifecycleParticipant
{
    /// <summary>Starts the component.</summary>
    Task OnStartAsync(CancellationToken cancellationToken);

    /// <summary>Stops the component.</summary>
    Task OnStopAsync(CancellationToken cancellationToken);
}
