namespace Hemi.Grains.Runtime.Messaging;

/// <summary>The target silo refused the call without running it; <see cref="Rejection"/> says why.</summary>
public sealed class GrainCallRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallRejectedException()
        : this(GrainCallRejection.Unrecoverable, "The grain call was rejected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallRejectedException(string message)
        : this(GrainCallRejection.Unrecoverable, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainCallRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rejection = GrainCallRejection.Unrecoverable;
    }

    /// <summary>Creates the exception with a reason and a message.</summary>
    public GrainCallRejectedException(GrainCallRejection rejection, string message)
        : base(message)
    {
        Rejection = rejection;
    }

    /// <summary>Why the call was refused.</summary>
    public GrainCallRejection Rejection { get; }
}
