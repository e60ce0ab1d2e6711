namespace Hemi.Grains.Runtime.Networking;

/// <summary>Why a listener (or the connector itself) refused a connection.</summary>
public enum ConnectionRejectionReason : byte
{
    /// <summary>No specific reason was given.</summary>
    Unspecified = 0,

    /// <summary>The preamble names another cluster.</summary>
    ClusterMismatch = 1,

    /// <summary>The peers speak different protocol versions.</summary>
    ProtocolVersionMismatch = 2,

    /// <summary>The preamble could not be parsed.</summary>
    MalformedPreamble = 3,

    /// <summary>The listener is shutting down.</summary>
    ShuttingDown = 4,

    /// <summary>The listening silo is not the one the connector asked for (e.g. another generation at that endpoint).</summary>
    UnexpectedSilo = 5,
}
