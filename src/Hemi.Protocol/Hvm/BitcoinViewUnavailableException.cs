namespace Hemi.Protocol.Hvm;

/// <summary>
/// Thrown by an <see cref="IBitcoinView"/> that cannot answer a kind of query at all (e.g. a header-only view asked
/// for a transaction), as opposed to answering "not found". hVM precompiles turn it into a failed call.
/// </summary>
public sealed class BitcoinViewUnavailableException : Exception
{
    public BitcoinViewUnavailableException(string message)
        : base(message)
    {
    }

    public BitcoinViewUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
