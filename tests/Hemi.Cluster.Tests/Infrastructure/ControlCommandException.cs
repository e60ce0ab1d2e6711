namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>A test host answered a control command with <c>ERR</c> (the remote exception's type and message).</summary>
public sealed class ControlCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ControlCommandException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ControlCommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ControlCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an ERR reply.</summary>
    public ControlCommandException(string command, string errorType, string errorMessage)
        : base($"'{command}' failed in the silo: {errorType}: {errorMessage}")
    {
        ErrorType = errorType;
    }

    /// <summary>The exception type name the silo reported (e.g. <c>SiloUnavailableException</c>).</summary>
    public string ErrorType { get; } = string.Empty;
}
