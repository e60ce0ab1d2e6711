using System.Text.Json;
using Hemi.Cluster.TestHost.Grains;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Storage;
using Hemi.Storage.AzureBlob;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// Reads what a process cluster stored in Azurite, as the silos store it: the membership table, the directory blobs
/// and counter state. The tests judge the cluster by this ground truth, not only by what the silos say.
/// </summary>
public sealed class ClusterStorage : IDisposable
{
    private readonly string _clusterId;
    private readonly AzureBlobMembershipTable _membership;
    private readonly AzureBlobGrainStorage _state;
    private readonly AzureBlobClient _blobs;

    /// <summary>Opens readers for <paramref name="clusterId"/> on the account of <paramref name="connectionString"/>.</summary>
    public ClusterStorage(string connectionString, string clusterId, string stateContainer)
    {
        _clusterId = clusterId;
        _membership = new AzureBlobMembershipTable(clusterId, new AzureBlobClusteringOptions { ConnectionString = connectionString });
        _state = new AzureBlobGrainStorage("cluster-tests", new AzureBlobStorageOptions { ConnectionString = connectionString, ContainerName = stateContainer });
        _blobs = AzureBlobClient.FromConnectionString(connectionString);
        StateContainer = stateContainer;
    }

    /// <summary>The container holding this cluster's grain state.</summary>
    public string StateContainer { get; }

    /// <summary>The membership table as stored (rows with ETags, version).</summary>
    public Task<MembershipTableData> ReadMembershipAsync() => _membership.ReadAll();

    /// <summary>The stored status of <paramref name="silo"/> (None when it has no row).</summary>
    public async Task<SiloStatus> ReadStatusAsync(SiloAddress silo)
    {
        var table = await ReadMembershipAsync();
        return table.Find(silo)?.Entry.Status ?? SiloStatus.None;
    }

    /// <summary>The stored counter of grain <c>counter/{key}</c>: value and ETag (null ETag when never written).</summary>
    public async Task<(long Value, string? ETag)> ReadCounterAsync(string key)
    {
        var state = new GrainState<CounterState>();
        await _state.ReadStateAsync("counter", GrainId.Create("counter", key), state);
        return (state.State?.Value ?? 0, state.ETag);
    }

    /// <summary>
    /// Every directory blob of this cluster, parsed strictly (the codec checks the document names the grain its blob is
    /// for). A blob that does not parse fails the read: a corrupt directory is a test failure, not noise.
    /// </summary>
    public async Task<IReadOnlyList<GrainDirectoryEntry>> ReadDirectoryAsync()
    {
        var entries = new List<GrainDirectoryEntry>();
        var container = AzureBlobGrainDirectoryOptions.DEFAULT_CONTAINER_NAME;
        await foreach (var item in _blobs.ListBlobsAsync(container, _clusterId + "/"))
        {
            var download = await _blobs.GetBlobAsync(container, item.Name);
            if (download is null)
            {
                continue; // unregistered between list and read
            }

            using var json = JsonDocument.Parse(download.Content);
            var grain = GrainId.Parse(json.RootElement.GetProperty("grain").GetString()!);
            if (AzureBlobGrainDirectoryDocument.GetBlobName(_clusterId, grain) != item.Name)
            {
                throw new InvalidOperationException($"Directory blob '{item.Name}' holds the entry of {grain}, which belongs elsewhere.");
            }

            entries.Add(AzureBlobGrainDirectoryDocument.Parse(download.Content, grain));
        }

        return entries;
    }

    /// <summary>Deletes this cluster's state container (membership and directory blobs stay; they are small).</summary>
    public async Task DeleteStateAsync()
    {
        try
        {
            await _blobs.DeleteContainerAsync(StateContainer);
        }
        catch (AzureBlobException)
        {
            // Best effort: Azurite is thrown away after the run anyway.
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _membership.Dispose();
        _state.Dispose();
        _blobs.Dispose();
    }
}
