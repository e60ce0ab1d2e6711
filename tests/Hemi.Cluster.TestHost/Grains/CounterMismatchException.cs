namespace Hemi.Cluster.TestHost.Grains;

/// <summary>A conditional increment found another value than the caller expected; nothing was written.</summary>
public sealed class CounterMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CounterMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CounterMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CounterMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
