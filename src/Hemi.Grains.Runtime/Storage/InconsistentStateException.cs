namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// An optimistic-concurrency conflict: the ETag the caller held no longer matches the stored record
/// (or a create-only write found an existing record). Re-read, re-decide, then write; never retry blindly.
/// </summary>
public class InconsistentStateException : Exception
{
    public InconsistentStateException()
        : this("The stored state changed since it was read (ETag mismatch).")
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InconsistentStateException(string message, string? storedEtag, string? currentEtag, Exception? innerException = null)
        : base(message, innerException)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag found in the store, when known.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the caller held.</summary>
    public string? CurrentEtag { get; }
}
