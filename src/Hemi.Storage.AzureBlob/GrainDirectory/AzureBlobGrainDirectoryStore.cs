using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.GrainDirectory;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// <see cref="IGrainDirectoryStore"/> on Azure Blob storage: one blob per grain under the cluster's folder
/// (Orleans' <c>AzureTableGrainDirectory</c> semantics on blobs). Register is a create-only put
/// (<c>If-None-Match: *</c>); a take-over and an unregister are reads followed by <c>If-Match</c> writes or deletes
/// on the ETag read, retried on contention, so each grain's entry changes linearizably.
/// </summary>
public sealed class AzureBlobGrainDirectoryStore : IGrainDirectoryStore, IDisposable
{
    private const int MaxAttempts = 16;

    private readonly AzureBlobClient _client;
    private readonly string _container;
    private readonly string _clusterId;
    private readonly AzureBlobContainerInitializer _initializer;

    /// <summary>Creates the store with its own client built from <paramref name="options"/>.</summary>
    public AzureBlobGrainDirectoryStore(string clusterId, AzureBlobGrainDirectoryOptions options)
        : this(clusterId, options, CreateClient(options))
    {
    }

    /// <summary>Creates the store over an existing client (owned by the store from now on).</summary>
    public AzureBlobGrainDirectoryStore(string clusterId, AzureBlobGrainDirectoryOptions options, AzureBlobClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        foreach (var c in clusterId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException("A cluster id may contain only ASCII letters, digits, '-', '_' and '.'.", nameof(clusterId));
            }
        }

        _clusterId = clusterId;
        _client = client;
        _container = options.ContainerName;
        _initializer = new AzureBlobContainerInitializer(client, _container, "Azure Blob grain directory");
    }

    /// <summary>The container.</summary>
    public string ContainerName => _container;

    /// <summary>Creates the container if missing.</summary>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        try
        {
            await _initializer.EnsureAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not GrainDirectoryException and not OperationCanceledException)
        {
            throw new GrainDirectoryException($"Azure Blob grain directory: cannot open container '{_container}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public async Task<GrainDirectoryEntry> Register(GrainDirectoryEntry entry, GrainDirectoryEntry? previous)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (previous is not null && previous.GrainId != entry.GrainId)
        {
            throw new ArgumentException("The previous entry belongs to another grain.", nameof(previous));
        }

        await InitializeAsync().ConfigureAwait(false);
        var blob = AzureBlobGrainDirectoryDocument.GetBlobName(_clusterId, entry.GrainId);
        var content = AzureBlobGrainDirectoryDocument.Serialize(entry);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0 || previous is not null)
            {
                var current = await Read(blob, entry.GrainId).ConfigureAwait(false);
                if (current is { } existing)
                {
                    if (previous is null || !existing.Entry.IsSameActivation(previous.Address))
                    {
                        return existing.Entry;
                    }

                    if (await TryPut(blob, content, BlobConditions.IfMatchETag(existing.ETag)).ConfigureAwait(false))
                    {
                        return entry;
                    }

                    continue;
                }
            }

            if (await TryPut(blob, content, BlobConditions.IfNotExists).ConfigureAwait(false))
            {
                return entry;
            }
        }

        throw new GrainDirectoryException($"Registering {entry.GrainId} met contention {MaxAttempts} times.");
    }

    /// <inheritdoc/>
    public async Task<bool> Unregister(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        await InitializeAsync().ConfigureAwait(false);
        var blob = AzureBlobGrainDirectoryDocument.GetBlobName(_clusterId, address.GrainId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await Read(blob, address.GrainId).ConfigureAwait(false);
            if (current is not { } existing || !existing.Entry.IsSameActivation(address))
            {
                return false;
            }

            try
            {
                if (await _client.DeleteBlobAsync(_container, blob, BlobConditions.IfMatchETag(existing.ETag)).ConfigureAwait(false))
                {
                    return true;
                }
            }
            catch (AzureBlobException ex) when (ex.StatusCode is 412 or 409)
            {
                // Changed since the read: look again.
            }
            catch (AzureBlobException ex)
            {
                throw Failure("unregister", blob, ex);
            }
        }

        throw new GrainDirectoryException($"Unregistering {address.GrainId} met contention {MaxAttempts} times.");
    }

    /// <inheritdoc/>
    public async Task<GrainDirectoryEntry?> Lookup(GrainId grainId)
    {
        await InitializeAsync().ConfigureAwait(false);
        var current = await Read(AzureBlobGrainDirectoryDocument.GetBlobName(_clusterId, grainId), grainId).ConfigureAwait(false);
        return current?.Entry;
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<(GrainDirectoryEntry Entry, string ETag)?> Read(string blob, GrainId grainId)
    {
        BlobDownload? download;
        try
        {
            download = await _client.GetBlobAsync(_container, blob).ConfigureAwait(false);
        }
        catch (AzureBlobException ex)
        {
            throw Failure("read", blob, ex);
        }

        return download is null ? null : (AzureBlobGrainDirectoryDocument.Parse(download.Content, grainId), download.ETag);
    }

    private async Task<bool> TryPut(string blob, byte[] content, BlobConditions conditions)
    {
        try
        {
            await _client.PutBlobAsync(_container, blob, content, conditions).ConfigureAwait(false);
            return true;
        }
        catch (AzureBlobException ex) when (ex.StatusCode is 409 or 412 || (ex.StatusCode == 404 && ex.ErrorCode != "ContainerNotFound"))
        {
            return false;
        }
        catch (AzureBlobException ex) when (ex.StatusCode == 404)
        {
            _initializer.Reset();
            throw Failure("write", blob, ex);
        }
        catch (AzureBlobException ex)
        {
            throw Failure("write", blob, ex);
        }
    }

    private GrainDirectoryException Failure(string operation, string blob, AzureBlobException ex) =>
        new($"Azure Blob grain directory could not {operation} '{_container}/{blob}': {ex.Message}", ex);

    private static AzureBlobClient CreateClient(AzureBlobGrainDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate("directory");
        return new AzureBlobClient(AzureStorageAccount.Parse(options.ConnectionString!), options.Client);
    }
}
