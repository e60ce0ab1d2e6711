using Hemi.Grains.Runtime.Messaging;

namespace Hemi.Grains.Runtime;

/// <summary>
/// Base class of generated grain proxies (Orleans: <c>GrainReference</c>). A reference is cheap (the grain id plus a
/// shared pointer), never activates anything by itself, compares equal by <see cref="GrainId"/> and can be passed as a
/// call argument or kept in state.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Called by generated proxies.</summary>
    protected GrainReference(GrainReferenceShared shared, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(shared);
        Shared = shared;
        GrainId = grainId;
    }

    /// <summary>The referenced grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>The grain interface this reference implements.</summary>
    public Type InterfaceType => Shared.InterfaceType;

    internal GrainReferenceShared Shared { get; }

    /// <summary>Returns a reference to the same grain typed as another of its interfaces.</summary>
    public TGrainInterface Cast<TGrainInterface>()
        where TGrainInterface : IAddressable
        => Shared.Runtime.GrainFactory.GetGrain<TGrainInterface>(GrainId);

    /// <inheritdoc/>
    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"GrainReference:{GrainId}";

    /// <summary>Sends a request and returns the caller's view of its response (used by generated proxies).</summary>
    protected ValueTask<TResult> InvokeAsync<TResult>(Request<TResult> request)
    {
        Shared.Runtime.SendRequest(this, request);
        return request.AsValueTask();
    }

    /// <summary>Sends a request and returns the caller's view of its completion (used by generated proxies).</summary>
    protected ValueTask InvokeAsync(VoidRequest request)
    {
        Shared.Runtime.SendRequest(this, request);
        return request.AsValueTask();
    }
}
