namespace Hemi.Cluster.TestHost.Hosting;

/// <summary>A command-line argument or environment setting of the test host is missing or invalid.</summary>
public sealed class TestHostArgumentException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public TestHostArgumentException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TestHostArgumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TestHostArgumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
