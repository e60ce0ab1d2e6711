namespace Hemi.PopMiner.Kss;

/// <summary>A kss JSON-RPC answer was malformed, oversized, or carried an error.</summary>
public sealed class KssResponseException : FormatException
{
    public KssResponseException(string message)
        : base(message)
    {
    }

    public KssResponseException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
