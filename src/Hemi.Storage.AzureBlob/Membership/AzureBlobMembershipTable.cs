using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// <see cref="IMembershipTable"/> on Azure Blob storage: the whole table of a cluster is one JSON blob
/// <c>{clusterId}/membership.json</c> (version number plus rows, each with its own row ETag) whose blob ETag is the
/// table's version ETag, so an insert or update of a row and the version bump are one <c>If-Match</c> put — atomic
/// by construction. Heartbeats go to per-silo blobs <c>{clusterId}/iamalive/{silo}</c>, written unconditionally,
/// so they never contend with status writes; a read merges them into the rows.
/// </summary>
public sealed class AzureBlobMembershipTable : IMembershipTable, IDisposable
{
    private const string TableBlobName = "membership.json";
    private const int HeartbeatReadParallelism = 16;

    private readonly AzureBlobClient _client;
    private readonly string _container;
    private readonly string _clusterId;
    private readonly int _maxDocumentBytes;
    private readonly AzureBlobContainerInitializer _initializer;
    private readonly Lock _cacheLock = new();
    private (string ETag, int Version, IReadOnlyList<MembershipTableRow> Rows)? _cached;

    /// <summary>Creates the table with its own client built from <paramref name="options"/>.</summary>
    public AzureBlobMembershipTable(string clusterId, AzureBlobClusteringOptions options)
        : this(clusterId, options, CreateClient(options))
    {
    }

    /// <summary>Creates the table over an existing client (owned by the table from now on).</summary>
    public AzureBlobMembershipTable(string clusterId, AzureBlobClusteringOptions options, AzureBlobClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ValidateClusterId(clusterId);
        _clusterId = clusterId;
        _client = client;
        _container = options.ContainerName;
        _maxDocumentBytes = options.MaxDocumentBytes;
        _initializer = new AzureBlobContainerInitializer(client, _container, "Azure Blob membership table");
    }

    /// <summary>The blob holding the table.</summary>
    public string TableBlob => $"{_clusterId}/{TableBlobName}";

    /// <summary>The container.</summary>
    public string ContainerName => _container;

    /// <summary>The heartbeat blob of a silo.</summary>
    public string HeartbeatBlob(SiloAddress silo) => $"{_clusterId}/iamalive/{SiloAddressText.ToKey(silo)}";

    /// <inheritdoc/>
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await EnsureContainer().ConfigureAwait(false);
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await _client.PutBlobAsync(_container, TableBlob, AzureBlobMembershipDocument.Serialize(0, []), BlobConditions.IfNotExists).ConfigureAwait(false);
        }
        catch (AzureBlobException ex) when (ex.StatusCode is 409 or 412)
        {
            // Another silo created it first: fine.
        }
        catch (AzureBlobException ex)
        {
            throw Failure("initialize", ex);
        }
    }

    /// <inheritdoc/>
    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ValidateClusterId(clusterId);
        await EnsureContainer().ConfigureAwait(false);
        try
        {
            var names = new List<string>();
            await foreach (var item in _client.ListBlobsAsync(_container, clusterId + "/").ConfigureAwait(false))
            {
                names.Add(item.Name);
            }

            foreach (var name in names)
            {
                await _client.DeleteBlobAsync(_container, name).ConfigureAwait(false);
            }
        }
        catch (AzureBlobException ex)
        {
            throw Failure("delete", ex);
        }

        lock (_cacheLock)
        {
            _cached = null;
        }
    }

    /// <inheritdoc/>
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var data = await ReadAll().ConfigureAwait(false);
            if (data.Version.VersionEtag.Length == 0)
            {
                return;
            }

            var defunct = data.Members.Where(r => r.Entry.Status == SiloStatus.Dead && r.Entry.LastActivity < beforeDate).ToList();
            if (defunct.Count == 0)
            {
                return;
            }

            var kept = data.Members.Except(defunct).ToList();
            // The version number stays: cleanup is not a membership change. The blob ETag changes, so a writer that
            // read before this fails its CAS and re-reads (benign, like an IAmAlive merge changing a row ETag).
            if (await TryWrite(data.Version.Version, kept, data.Version.VersionEtag).ConfigureAwait(false))
            {
                foreach (var row in defunct)
                {
                    try
                    {
                        await _client.DeleteBlobAsync(_container, HeartbeatBlob(row.Entry.SiloAddress)).ConfigureAwait(false);
                    }
                    catch (AzureBlobException)
                    {
                        // An orphaned heartbeat is harmless (ignored without a row); the next cleanup may remove it.
                    }
                }

                return;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var all = await ReadAll().ConfigureAwait(false);
        var row = all.Find(key);
        return new MembershipTableData(row is null ? [] : [row], all.Version);
    }

    /// <inheritdoc/>
    public async Task<MembershipTableData> ReadAll()
    {
        var document = await ReadDocument().ConfigureAwait(false);
        if (document is null)
        {
            return new MembershipTableData([], new TableVersion(0, string.Empty));
        }

        var (etag, version, rows) = document.Value;
        var merged = new MembershipTableRow[rows.Count];
        using var gate = new SemaphoreSlim(HeartbeatReadParallelism);
        await Task.WhenAll(rows.Select(async (row, i) =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var heartbeat = await ReadHeartbeat(row.Entry.SiloAddress).ConfigureAwait(false);
                merged[i] = heartbeat is { } alive && alive > row.Entry.IAmAliveTime
                    ? row with { Entry = row.Entry with { IAmAliveTime = alive } }
                    : row;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return new MembershipTableData(merged, new TableVersion(version, etag));
    }

    /// <inheritdoc/>
    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var current = await DocumentAt(tableVersion.VersionEtag).ConfigureAwait(false);
        if (current is null || tableVersion.Version <= current.Value.Version ||
            current.Value.Rows.Any(r => r.Entry.SiloAddress.Equals(entry.SiloAddress)))
        {
            return false;
        }

        var rows = current.Value.Rows.Append(new MembershipTableRow(entry, NewRowETag())).ToList();
        return await TryWrite(tableVersion.Version, rows, tableVersion.VersionEtag).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(tableVersion);
        var current = await DocumentAt(tableVersion.VersionEtag).ConfigureAwait(false);
        if (current is null || tableVersion.Version <= current.Value.Version)
        {
            return false;
        }

        var rows = current.Value.Rows.ToList();
        int index = rows.FindIndex(r => r.Entry.SiloAddress.Equals(entry.SiloAddress));
        if (index < 0 || !string.Equals(rows[index].ETag, etag, StringComparison.Ordinal))
        {
            return false;
        }

        // Heartbeats live in their own blob; keep the newer of the two so the row never moves backwards.
        var alive = entry.IAmAliveTime > rows[index].Entry.IAmAliveTime ? entry.IAmAliveTime : rows[index].Entry.IAmAliveTime;
        rows[index] = new MembershipTableRow(entry with { IAmAliveTime = alive }, NewRowETag());
        return await TryWrite(tableVersion.Version, rows, tableVersion.VersionEtag).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await EnsureContainer().ConfigureAwait(false);
        try
        {
            await _client.PutBlobAsync(_container, HeartbeatBlob(entry.SiloAddress), AzureBlobMembershipDocument.SerializeHeartbeat(entry.IAmAliveTime))
                .ConfigureAwait(false);
        }
        catch (AzureBlobException ex)
        {
            throw Failure("update IAmAlive of", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private static string NewRowETag() => Guid.NewGuid().ToString("N");

    /// <summary>The document whose blob ETag is <paramref name="etag"/>: from the cache when it matches, else a fresh read (null if the ETag moved on).</summary>
    private async Task<(string ETag, int Version, IReadOnlyList<MembershipTableRow> Rows)?> DocumentAt(string etag)
    {
        if (etag.Length == 0)
        {
            return null;
        }

        lock (_cacheLock)
        {
            if (_cached is { } cached && string.Equals(cached.ETag, etag, StringComparison.Ordinal))
            {
                return cached;
            }
        }

        var document = await ReadDocument().ConfigureAwait(false);
        return document is { } d && string.Equals(d.ETag, etag, StringComparison.Ordinal) ? d : null;
    }

    private async Task<(string ETag, int Version, IReadOnlyList<MembershipTableRow> Rows)?> ReadDocument()
    {
        await EnsureContainer().ConfigureAwait(false);
        BlobDownload? download;
        try
        {
            download = await _client.GetBlobAsync(_container, TableBlob).ConfigureAwait(false);
        }
        catch (AzureBlobException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
        catch (AzureBlobException ex)
        {
            throw Failure("read", ex);
        }

        if (download is null)
        {
            return null;
        }

        if (download.Content.Length > _maxDocumentBytes)
        {
            throw new MembershipTableFormatException($"The membership blob has {download.Content.Length} bytes (at most {_maxDocumentBytes}).");
        }

        var (version, rows) = AzureBlobMembershipDocument.Parse(download.Content);
        var document = (download.ETag, version, rows);
        lock (_cacheLock)
        {
            _cached = document;
        }

        return document;
    }

    private async Task<DateTimeOffset?> ReadHeartbeat(SiloAddress silo)
    {
        BlobDownload? download;
        try
        {
            download = await _client.GetBlobAsync(_container, HeartbeatBlob(silo)).ConfigureAwait(false);
        }
        catch (AzureBlobException ex)
        {
            throw Failure("read the heartbeat of", ex);
        }

        return download is null ? null : AzureBlobMembershipDocument.ParseHeartbeat(download.Content);
    }

    private async Task<bool> TryWrite(int version, IReadOnlyList<MembershipTableRow> rows, string expectedETag)
    {
        var content = AzureBlobMembershipDocument.Serialize(version, rows);
        if (content.Length > _maxDocumentBytes)
        {
            throw new MembershipTableException($"The membership document would have {content.Length} bytes (at most {_maxDocumentBytes}).");
        }

        string newETag;
        try
        {
            newETag = await _client.PutBlobAsync(_container, TableBlob, content, BlobConditions.IfMatchETag(expectedETag)).ConfigureAwait(false);
        }
        catch (AzureBlobException ex) when (ex.StatusCode is 412 or 409 or 404)
        {
            return false;
        }
        catch (AzureBlobException ex)
        {
            throw Failure("write", ex);
        }

        lock (_cacheLock)
        {
            _cached = (newETag, version, rows);
        }

        return true;
    }

    private async Task EnsureContainer()
    {
        try
        {
            await _initializer.EnsureAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not MembershipTableException)
        {
            throw new MembershipTableException($"Azure Blob membership table: cannot open container '{_container}': {ex.Message}", ex);
        }
    }

    private MembershipTableException Failure(string operation, AzureBlobException ex) =>
        new($"Azure Blob membership table could not {operation} '{_container}/{TableBlob}': {ex.Message}", ex);

    private static void ValidateClusterId(string clusterId)
    {
        foreach (var c in clusterId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException("A cluster id may contain only ASCII letters, digits, '-', '_' and '.'.", nameof(clusterId));
            }
        }
    }

    private static AzureBlobClient CreateClient(AzureBlobClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate("clustering");
        return new AzureBlobClient(AzureStorageAccount.Parse(options.ConnectionString!), options.Client);
    }
}
