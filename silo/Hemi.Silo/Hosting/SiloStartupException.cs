namespace Hemi.Silo.Hosting;

/// <summary>The silo cannot start for a reason the operator can fix (a port in use, …); the message says how.</summary>
public sealed class SiloStartupException : Exception
{
    public SiloStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
