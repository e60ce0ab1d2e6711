namespace Hemi.Grains.Runtime.Placement;

/// <summary>A placement director was asked to place a grain while no compatible active silo exists.</summary>
public sealed class NoCompatibleSiloException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NoCompatibleSiloException()
        : this("No compatible active silo can host the grain.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoCompatibleSiloException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public NoCompatibleSiloException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static NoCompatibleSiloException For(GrainId grainId) => new($"No compatible active silo can host {grainId}.");
}
