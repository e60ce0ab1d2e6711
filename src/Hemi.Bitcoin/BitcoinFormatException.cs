namespace Hemi.Bitcoin;

/// <summary>
/// Raised for every malformed, truncated or oversized Bitcoin wire encoding parsed by <c>Hemi.Bitcoin</c>.
/// </summary>
public class BitcoinFormatException : FormatException
{
    public BitcoinFormatException()
    {
    }

    public BitcoinFormatException(string message)
        : base(message)
    {
    }

    public BitcoinFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
