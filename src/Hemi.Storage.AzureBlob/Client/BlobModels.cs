namespace Hemi.Storage.AzureBlob;

/// <summary>A downloaded blob: its content, ETag and user metadata.</summary>
public sealed record BlobDownload(byte[] Content, string ETag, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A blob's properties (from a HEAD request).</summary>
public sealed record BlobProperties(
    string ETag,
    long ContentLength,
    DateTimeOffset? LastModified,
    string? LeaseState,
    string? LeaseStatus,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>One entry of a blob listing.</summary>
public sealed record BlobItem(string Name, string? ETag, long? ContentLength);

/// <summary>One page of a blob listing; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record BlobListPage(IReadOnlyList<BlobItem> Blobs, string? NextMarker);
