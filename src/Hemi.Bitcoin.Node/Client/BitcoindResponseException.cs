namespace Hemi.Bitcoin.Node.Client;

/// <summary>
/// A response that is not what bitcoind would send: not JSON, wrong types, oversized, or data that does not match what
/// was asked for (a header whose hash differs from the requested one).
/// </summary>
public sealed class BitcoindResponseException : FormatException
{
    /// <summary>Creates the exception for <paramref name="method"/>.</summary>
    public BitcoindResponseException(string method, string message, Exception? innerException = null)
        : base($"Malformed bitcoind response to {method}: {message}", innerException)
    {
        Method = method;
    }

    /// <summary>The RPC method whose response was malformed.</summary>
    public string Method { get; }
}
