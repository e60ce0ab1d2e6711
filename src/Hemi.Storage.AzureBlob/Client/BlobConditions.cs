namespace Hemi.Storage.AzureBlob;

/// <summary>Access conditions of a blob request (<c>If-Match</c>, <c>If-None-Match</c>, lease).</summary>
/// <param name="IfMatch">Only if the blob's ETag equals this (or "*" = exists).</param>
/// <param name="IfNoneMatch">Only if the blob's ETag differs from this ("*" = only if the blob does not exist).</param>
/// <param name="LeaseId">The active lease id, required to write a leased blob.</param>
public readonly record struct BlobConditions(string? IfMatch = null, string? IfNoneMatch = null, string? LeaseId = null)
{
    /// <summary>Create-only: <c>If-None-Match: *</c>.</summary>
    public static BlobConditions IfNotExists => new(IfNoneMatch: "*");

    /// <summary>Only if the stored ETag is <paramref name="eTag"/>.</summary>
    public static BlobConditions IfMatchETag(string eTag) => new(IfMatch: eTag);

    /// <summary>Whether any ETag condition is set.</summary>
    public bool HasETagCondition => IfMatch is not null || IfNoneMatch is not null;
}
