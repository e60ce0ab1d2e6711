namespace Hemi.Grains.Runtime.Membership;

/// <summary>The membership store could not be read or written (not contention, which is a <see langword="false"/> result).</summary>
public sealed class MembershipTableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MembershipTableException()
        : this("The membership table is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MembershipTableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MembershipTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
