namespace Hemi.Bitcoin.Node.Client;

/// <summary>bitcoind could not be reached, kept failing (HTTP 5xx without an RPC error, timeouts) or refused our credentials.</summary>
public class BitcoindUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BitcoindUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
