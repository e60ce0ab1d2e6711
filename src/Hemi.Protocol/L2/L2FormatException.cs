using Hemi.Ethereum;

namespace Hemi.Protocol.L2;

/// <summary>Malformed, truncated or non-canonical L2 block or transaction bytes.</summary>
public sealed class L2FormatException : EthereumFormatException
{
    public L2FormatException(string message)
        : base(message)
    {
    }

    public L2FormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
