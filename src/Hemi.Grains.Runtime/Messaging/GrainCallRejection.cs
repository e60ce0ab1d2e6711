namespace Hemi.Grains.Runtime.Messaging;

/// <summary>Why a silo refused a grain call without running it (Orleans: <c>RejectionType</c>).</summary>
public enum GrainCallRejection : byte
{
    /// <summary>The call can never succeed as sent (e.g. malformed).</summary>
    Unrecoverable = 1,

    /// <summary>The receiving silo does not know the grain interface.</summary>
    UnknownInterface = 2,

    /// <summary>The interface has no remotely callable method with that id (unknown id or a generic method).</summary>
    UnknownMethod = 3,

    /// <summary>The message was forwarded too often without reaching a live activation.</summary>
    ForwardLimitExceeded = 4,

    /// <summary>
    /// The receiving silo is stopping or cannot host the grain now; another attempt may succeed. Only the runtime
    /// rejects this way, and only before dispatching: the call did not run.
    /// </summary>
    Transient = 5,
}
