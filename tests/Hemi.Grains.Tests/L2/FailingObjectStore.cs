using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Tests.L2;

/// <summary>An object store that fails the next N create-only writes whose key contains a marker, to test what a failed block write leaves behind.</summary>
public sealed class FailingObjectStore(IObjectStore inner) : IObjectStore
{
    private int _failures;

    public string Marker { get; set; } = "/blocks/";

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        if (key.Contains(Marker, StringComparison.Ordinal) && Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new GrainStorageException($"Injected failure writing '{key}'.");
        }

        return inner.PutIfAbsentAsync(key, data, ct);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken ct = default) => inner.GetAsync(key, ct);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);

    public Task<bool> DeleteAsync(string key, CancellationToken ct = default) => inner.DeleteAsync(key, ct);
}
