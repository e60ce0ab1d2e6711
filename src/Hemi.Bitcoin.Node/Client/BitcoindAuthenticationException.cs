namespace Hemi.Bitcoin.Node.Client;

/// <summary>bitcoind answered HTTP 401/403: wrong user/password or a stale cookie. Never retried beyond one cookie re-read.</summary>
public sealed class BitcoindAuthenticationException : BitcoindUnavailableException
{
    /// <summary>Creates the exception.</summary>
    public BitcoindAuthenticationException(string message)
        : base(message)
    {
    }
}
