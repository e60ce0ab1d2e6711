using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// Grain storage in Azure Blob, with Orleans' <c>AzureBlobGrainStorage</c> semantics: one block blob
/// <c>"{stateName}-{grainId}.json"</c> per record in container <c>grainstate</c>; writes send
/// <c>If-None-Match: *</c> when the ETag is null, else <c>If-Match</c>; 412, 409 and a 404 under If-Match become
/// <see cref="InconsistentStateException"/>; a 404 on read is a missing record; clear deletes under the same
/// conditions (or, with <see cref="AzureBlobStorageOptions.DeleteStateOnClear"/> false, uploads an empty blob).
/// Content is the versioned JSON envelope of <see cref="GrainStateSerializer"/>.
/// </summary>
/// <remarks>
/// One deliberate deviation: a clear without an ETag checks existence and fails if the blob exists, instead of
/// sending a Delete with <c>If-None-Match: *</c>, because Azurite ignores that condition on Delete and would
/// delete the record.
/// </remarks>
public sealed class AzureBlobGrainStorage : IGrainStorage, IDisposable
{
    private readonly AzureBlobClient _client;
    private readonly string _container;
    private readonly bool _deleteOnClear;
    private readonly GrainStateSerializer _serializer;
    private readonly AzureBlobContainerInitializer _initializer;
    private readonly string _name;

    /// <summary>Creates the provider with its own client built from <paramref name="options"/>.</summary>
    public AzureBlobGrainStorage(string name, AzureBlobStorageOptions options)
        : this(name, options, CreateClient(name, options))
    {
    }

    /// <summary>Creates the provider over an existing client (owned by the provider from now on).</summary>
    public AzureBlobGrainStorage(string name, AzureBlobStorageOptions options, AzureBlobClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        _name = name;
        _client = client;
        _container = options.ContainerName;
        _deleteOnClear = options.DeleteStateOnClear;
        _serializer = new GrainStateSerializer(options.SerializerOptions);
        _initializer = new AzureBlobContainerInitializer(client, _container, $"Azure Blob grain storage '{name}'");
    }

    /// <summary>The container holding the blobs.</summary>
    public string ContainerName => _container;

    /// <summary>The underlying REST client.</summary>
    public AzureBlobClient Client => _client;

    /// <summary>The blob name of a record: <c>"{stateName}-{grainId}.json"</c> (grain id = "type/key").</summary>
    public static string GetBlobName(string stateName, GrainId grainId) => $"{stateName}-{grainId}.json";

    /// <summary>Creates the container if missing; fails with a clear message on a wrong account key.</summary>
    public Task InitializeAsync(CancellationToken ct = default) => _initializer.EnsureAsync(ct);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var blob = BlobName(stateName, grainId);
        await _initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        BlobDownload? download;
        try
        {
            download = await _client.GetBlobAsync(_container, blob).ConfigureAwait(false);
        }
        catch (AzureBlobException ex)
        {
            throw Failure("read", blob, ex);
        }

        if (download is null)
        {
            GrainStateDefaults.ResetToMissing(grainState);
            return;
        }

        if (download.Content.Length == 0)
        {
            // Left by a non-deleting clear: no record, but keep the ETag so the next write is conditional.
            grainState.State = GrainStateDefaults.Create<T>();
            grainState.ETag = download.ETag;
            grainState.RecordExists = false;
            return;
        }

        T? state;
        try
        {
            state = _serializer.Deserialize<T>(download.Content);
        }
        catch (GrainStorageException ex)
        {
            throw new GrainStorageException($"Blob '{_container}/{blob}' holds unreadable state: {ex.Message}", ex);
        }

        grainState.State = state ?? GrainStateDefaults.Create<T>();
        grainState.ETag = download.ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var blob = BlobName(stateName, grainId);
        var payload = _serializer.Serialize(grainState.State);
        grainState.ETag = await PutAsync(blob, payload, grainState.ETag, "write").ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var blob = BlobName(stateName, grainId);
        var eTag = string.IsNullOrEmpty(grainState.ETag) ? null : grainState.ETag;
        if (_deleteOnClear && eTag is null)
        {
            // Orleans sends a Delete with If-None-Match: *, which can only fail or do nothing. Not every server
            // honours that condition on Delete (Azurite deletes anyway), so check existence instead and never delete.
            await _initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
            BlobProperties? existing;
            try
            {
                existing = await _client.GetPropertiesAsync(_container, blob).ConfigureAwait(false);
            }
            catch (AzureBlobException ex)
            {
                throw Failure("clear", blob, ex);
            }

            if (existing is not null)
            {
                throw new InconsistentStateException(
                    $"Cannot clear '{_container}/{blob}': it exists and the caller holds no ETag.", existing.ETag, null);
            }

            GrainStateDefaults.ResetToMissing(grainState);
        }
        else if (_deleteOnClear)
        {
            await _initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
            var conditions = BlobConditions.IfMatchETag(eTag!);
            bool deleted;
            try
            {
                deleted = await _client.DeleteBlobAsync(_container, blob, conditions).ConfigureAwait(false);
            }
            catch (AzureBlobException ex) when (ex.StatusCode == 404 && ex.ErrorCode == "ContainerNotFound")
            {
                _initializer.Reset();
                deleted = false;
            }
            catch (AzureBlobException ex) when (IsConflict(ex))
            {
                throw Conflict("clear", blob, eTag, ex);
            }
            catch (AzureBlobException ex)
            {
                throw Failure("clear", blob, ex);
            }

            if (!deleted)
            {
                // 404 under If-Match: the record vanished under us.
                throw new InconsistentStateException(
                    $"Cannot clear '{_container}/{blob}': it no longer exists (held ETag {eTag}).", null, eTag);
            }

            GrainStateDefaults.ResetToMissing(grainState);
        }
        else
        {
            var newETag = await PutAsync(blob, ReadOnlyMemory<byte>.Empty, eTag, "clear").ConfigureAwait(false);
            grainState.State = GrainStateDefaults.Create<T>();
            grainState.ETag = newETag;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task<string> PutAsync(string blob, ReadOnlyMemory<byte> payload, string? eTag, string operation)
    {
        eTag = string.IsNullOrEmpty(eTag) ? null : eTag;
        var conditions = eTag is null ? BlobConditions.IfNotExists : BlobConditions.IfMatchETag(eTag);
        await _initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await _client.PutBlobAsync(_container, blob, payload, conditions).ConfigureAwait(false);
            }
            catch (AzureBlobException ex) when (ex.StatusCode == 404 && ex.ErrorCode == "ContainerNotFound" && attempt == 0)
            {
                // Orleans: create the missing container and try once more.
                _initializer.Reset();
                await _initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (AzureBlobException ex) when (IsConflict(ex))
            {
                throw Conflict(operation, blob, eTag, ex);
            }
            catch (AzureBlobException ex)
            {
                throw Failure(operation, blob, ex);
            }
        }
    }

    private static bool IsConflict(AzureBlobException ex) =>
        ex.StatusCode is 412 or 409 || (ex.StatusCode == 404 && ex.ErrorCode != "ContainerNotFound");

    private InconsistentStateException Conflict(string operation, string blob, string? eTag, AzureBlobException ex) =>
        new(
            $"Cannot {operation} '{_container}/{blob}': {(eTag is null ? "it already exists and the caller holds no ETag" : $"ETag {eTag} is stale")} (HTTP {ex.StatusCode} {ex.ErrorCode}).",
            null,
            eTag,
            ex);

    private GrainStorageException Failure(string operation, string blob, AzureBlobException ex) =>
        new($"Azure Blob grain storage '{_name}' could not {operation} '{_container}/{blob}': {ex.Message}", ex);

    private static string BlobName(string stateName, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        var name = GetBlobName(stateName, grainId);
        if (!AzureBlobNames.IsValidBlobName(name, out var reason))
        {
            throw new GrainStorageException($"State '{stateName}' of {grainId} cannot be stored in Azure Blob: {reason}.");
        }

        return name;
    }

    private static AzureBlobClient CreateClient(string name, AzureBlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        return new AzureBlobClient(AzureStorageAccount.Parse(options.ConnectionString!), options.Client);
    }
}
