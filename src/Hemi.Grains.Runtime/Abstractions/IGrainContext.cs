namespace Hemi.Grains.Runtime;

/// <summary>The runtime's view of one activation, exposed to grain code (Orleans: <c>IGrainContext</c>).</summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>This activation's identity.</summary>
    ActivationId ActivationId { get; }

    /// <summary>The activation's address (silo + activation).</summary>
    GrainAddress Address { get; }

    /// <summary>The grain instance, once created.</summary>
    object? GrainInstance { get; }

    /// <summary>The silo's service provider.</summary>
    IServiceProvider ActivationServices { get; }

    /// <summary>The activation's serial task scheduler; tasks started on it run as turns of this activation.</summary>
    TaskScheduler TaskScheduler { get; }

    /// <summary>Starts deactivating this activation after the running requests complete.</summary>
    void Deactivate(DeactivationReason reason, CancellationToken cancellationToken = default);
}
