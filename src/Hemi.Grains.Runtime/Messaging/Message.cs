using System.Text.Json;

namespace Hemi.Grains.Runtime.Messaging;

/// <summary>
/// A grain call in flight (Orleans: <c>Message</c> with its body). The header fields are what a transport will carry
/// between silos; the arguments live in generated subclasses (one per interface method) so that locally a call costs
/// one object and arguments are never boxed. A message is also the caller's completion source (see
/// <see cref="Request{TResult}"/>), which saves a separate callback object.
/// </summary>
public abstract class Message
{
    // Intrusive links into the pending-call registry (caller-side timeouts) so registering a call allocates nothing.
    internal Message? CallbackPrevious;
    internal Message? CallbackNext;
    internal CallbackRegistry.Stripe? CallbackStripe;

    /// <summary>Correlation id, unique per sending silo; assigned when the call is registered for a response.</summary>
    public long Id { get; internal set; }

    /// <summary>Whether a response is expected.</summary>
    public MessageDirection Direction { get; set; } = MessageDirection.Request;

    /// <summary>The grain being called.</summary>
    public GrainId TargetGrain { get; set; }

    /// <summary>The silo hosting the target activation, once addressed.</summary>
    public SiloAddress? TargetSilo { get; set; }

    /// <summary>The calling grain, when the call is made from grain code.</summary>
    public GrainId SendingGrain { get; set; }

    /// <summary>The silo the call came from.</summary>
    public SiloAddress? SendingSilo { get; set; }

    /// <summary>Whether another silo sent this call to <paramref name="localSilo"/> (not a local grain or a client through this gateway).</summary>
    public bool CameFromAnotherSilo(SiloAddress localSilo) => SendingSilo is { } sender && !sender.Equals(localSilo);

    /// <summary>Header flags.</summary>
    public MessageFlags Flags { get; set; }

    /// <summary>How often the message was re-routed to another activation (bounded by <c>MaxForwardCount</c>).</summary>
    public int ForwardCount { get; set; }

    /// <summary>
    /// Expiry as a <see cref="TimeProvider.GetTimestamp"/> value (the time-to-live); 0 means none. Expired requests
    /// are dropped before they run because their caller has already received a <see cref="TimeoutException"/>.
    /// </summary>
    public long ExpiryTimestamp { get; set; }

    /// <summary>The caller's <see cref="RequestContext"/> (an immutable snapshot), or null when empty.</summary>
    public IReadOnlyDictionary<string, object?>? RequestContextData { get; set; }

    /// <summary>Stable name of the grain interface the method belongs to (e.g. its full name).</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method's index within its interface (the generated invoker switches on it).</summary>
    public abstract int MethodId { get; }

    /// <summary>The method name, for diagnostics.</summary>
    public abstract string MethodName { get; }

    /// <summary>True for <see cref="MessageFlags.ReadOnly"/>.</summary>
    public bool IsReadOnly => (Flags & MessageFlags.ReadOnly) != 0;

    /// <summary>True for <see cref="MessageFlags.AlwaysInterleave"/>.</summary>
    public bool IsAlwaysInterleave => (Flags & MessageFlags.AlwaysInterleave) != 0;

    /// <summary>True for <see cref="MessageFlags.OneWay"/>.</summary>
    public bool IsOneWay => (Flags & MessageFlags.OneWay) != 0;

    /// <summary>True once a response (result, exception or timeout) has been delivered to the caller.</summary>
    public abstract bool IsResponseCompleted { get; }

    /// <summary>Runs the call against the grain instance; the returned task completes when the grain method does.</summary>
    public abstract ValueTask InvokeAsync(object grain);

    /// <summary>Completes the caller with an exception unless it already has a response.</summary>
    public abstract bool TrySetException(Exception exception);

    /// <summary>
    /// Writes the arguments as one JSON array, each with its declared (static) type. Generated request classes
    /// override it; other messages (generic methods, timer ticks) are local-only.
    /// </summary>
    public virtual void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{InterfaceName}.{MethodName} cannot be sent to another silo (generic grain methods and runtime-internal messages are local-only).");

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/> into this (empty) request.</summary>
    public virtual void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{InterfaceName}.{MethodName} cannot be received from another silo.");

    /// <summary>Waits for this request's response (result or exception) and encodes it (the receiving side of a remote call).</summary>
    internal virtual ValueTask<byte[]> WaitAndEncodeResponse(GrainCallCodec codec) =>
        throw new NotSupportedException($"{InterfaceName}.{MethodName} has no remote response.");

    /// <summary>Completes this request from an encoded response (the sending side of a remote call).</summary>
    internal virtual void ApplyResponse(GrainCallCodec codec, ReadOnlySpan<byte> body) =>
        TrySetException(new NotSupportedException($"{InterfaceName}.{MethodName} has no remote response."));

    /// <inheritdoc/>
    public override string ToString() => $"{InterfaceName}.{MethodName} -> {TargetGrain} #{Id}";

    /// <summary>Called exactly once when the response is set; unhooks the timeout registration.</summary>
    private protected void OnResponseCompleted() => CallbackStripe?.Remove(this);
}
