namespace Hemi.Grains.Runtime.Networking;

/// <summary>What a silo-to-silo frame carries (byte 0 of the frame header).</summary>
public enum FrameKind : byte
{
    /// <summary>First frame of a connection, sent by the connector: protocol version, cluster id, sender address.</summary>
    Preamble = 1,

    /// <summary>The listener accepted the preamble; the body is the listener's own preamble.</summary>
    PreambleAccepted = 2,

    /// <summary>The listener refused the preamble; the body is a reason code and a message. The connection then closes.</summary>
    PreambleRejected = 3,

    /// <summary>A request expecting a response with the same correlation id.</summary>
    Request = 4,

    /// <summary>A successful response; the body is the result.</summary>
    Response = 5,

    /// <summary>The remote failed the request; the body is a UTF-8 description.</summary>
    ErrorResponse = 6,

    /// <summary>A message with no response.</summary>
    OneWay = 7,

    /// <summary>A liveness probe answered by the remote transport itself.</summary>
    Ping = 8,

    /// <summary>The answer to <see cref="Ping"/>.</summary>
    Pong = 9,

    /// <summary>
    /// The sender is closing the connection gracefully: it dispatches no request that reaches it from now on (each is
    /// answered <see cref="Refused"/>) and closes once the receiver has ended its side or a bound has passed. The
    /// receiver sends no new requests on the connection and ends its side once its queued frames are written.
    /// </summary>
    GoAway = 10,

    /// <summary>The request with this correlation id was not dispatched (it arrived after a <see cref="GoAway"/>); it may be sent elsewhere.</summary>
    Refused = 11,
}
