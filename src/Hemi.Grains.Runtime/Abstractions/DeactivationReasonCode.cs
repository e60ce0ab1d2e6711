namespace Hemi.Grains.Runtime;

/// <summary>Why an activation is deactivating (Orleans' codes, the subset a single silo uses plus the cluster ones).</summary>
public enum DeactivationReasonCode : byte
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation (state load or <c>OnActivateAsync</c>) failed.</summary>
    ActivationFailed,

    /// <summary>The grain asked for it (<c>DeactivateOnIdle</c>).</summary>
    ApplicationRequested,

    /// <summary>Idle collection.</summary>
    ActivationIdle,

    /// <summary>An error escaped a grain call that makes the activation unsafe (e.g. <c>InconsistentStateException</c>).</summary>
    ApplicationError,

    /// <summary>Another activation won the directory registration.</summary>
    DuplicateActivation,

    /// <summary>The directory partition holding the registration was lost.</summary>
    DirectoryFailure,
}
