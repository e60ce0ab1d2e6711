using Hemi.Grains.Runtime.Storage;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// Creates a provider's container once (at start, or lazily before the first operation), turning an
/// authentication failure into a clear start-up error. A failed attempt is retried on the next call.
/// </summary>
internal sealed class AzureBlobContainerInitializer(AzureBlobClient client, string container, string description)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await client.CreateContainerIfNotExistsAsync(container, ct).ConfigureAwait(false);
                _done = true;
            }
        }
        catch (AzureBlobException ex)
        {
            throw new GrainStorageException($"{description} could not open container '{container}': {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the container (it was found missing) so the next call creates it again.</summary>
    public void Reset() => _done = false;
}
