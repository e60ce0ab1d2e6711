using System.Runtime.CompilerServices;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// <see cref="IObjectStore"/> on Azure Blob: one block blob per key (the key is the blob name).
/// Put-if-absent is a Put Blob with <c>If-None-Match: *</c>; listings follow <c>NextMarker</c> and are
/// returned in ordinal order. Service failures become <see cref="GrainStorageException"/>.
/// </summary>
public sealed class AzureBlobObjectStore : IObjectStore, IDisposable
{
    private readonly AzureBlobClient _client;
    private readonly string _container;
    private readonly AzureBlobContainerInitializer _initializer;
    private readonly string _name;

    public AzureBlobObjectStore(string name, AzureBlobObjectStoreOptions options)
        : this(name, options, CreateClient(name, options))
    {
    }

    /// <summary>Creates the store over an existing client (owned by the store from now on).</summary>
    public AzureBlobObjectStore(string name, AzureBlobObjectStoreOptions options, AzureBlobClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        _name = name;
        _client = client;
        _container = options.ContainerName;
        _initializer = new AzureBlobContainerInitializer(client, _container, $"Azure Blob object store '{name}'");
    }

    /// <summary>The container holding the objects.</summary>
    public string ContainerName => _container;

    /// <summary>Creates the container if missing; fails with a clear message on a wrong account key.</summary>
    public Task InitializeAsync(CancellationToken ct = default) => _initializer.EnsureAsync(ct);

    /// <inheritdoc />
    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await _initializer.EnsureAsync(ct).ConfigureAwait(false);
        try
        {
            await _client.PutBlobAsync(_container, key, data, BlobConditions.IfNotExists, ct).ConfigureAwait(false);
            return true;
        }
        catch (AzureBlobException ex) when (ex.StatusCode is 409 or 412)
        {
            return false;
        }
        catch (AzureBlobException ex)
        {
            throw Failure("store", key, ex);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await _initializer.EnsureAsync(ct).ConfigureAwait(false);
        try
        {
            return (await _client.GetBlobAsync(_container, key, ct: ct).ConfigureAwait(false))?.Content;
        }
        catch (AzureBlobException ex)
        {
            throw Failure("read", key, ex);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await _initializer.EnsureAsync(ct).ConfigureAwait(false);
        // The service orders by UTF-8 bytes, which differs from ordinal UTF-16 order above U+FFFF; sort to keep the contract.
        var keys = new List<string>();
        try
        {
            await foreach (var item in _client.ListBlobsAsync(_container, prefix, ct: ct).ConfigureAwait(false))
            {
                keys.Add(item.Name);
            }
        }
        catch (AzureBlobException ex)
        {
            throw Failure("list", prefix, ex);
        }

        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            yield return key;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string key, CancellationToken ct = default)
    {
        ObjectKey.Validate(key);
        await _initializer.EnsureAsync(ct).ConfigureAwait(false);
        try
        {
            return await _client.DeleteBlobAsync(_container, key, ct: ct).ConfigureAwait(false);
        }
        catch (AzureBlobException ex)
        {
            throw Failure("delete", key, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private GrainStorageException Failure(string operation, string key, AzureBlobException ex) =>
        new($"Azure Blob object store '{_name}' could not {operation} '{_container}/{key}': {ex.Message}", ex);

    private static AzureBlobClient CreateClient(string name, AzureBlobObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        return new AzureBlobClient(AzureStorageAccount.Parse(options.ConnectionString!), options.Client);
    }
}
