namespace Hemi.Grains.Pop;

/// <summary>
/// A PoP miner pass could not read the latest keystones (registry or remote kss JSON-RPC unavailable or answering
/// garbage). The rest of the pass still ran: tracked keystones were followed and their transactions re-broadcast.
/// </summary>
public sealed class KeystoneDiscoveryException : Exception
{
    public KeystoneDiscoveryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
