using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Tests.Pop;

/// <summary>Memory grain storage that remembers which signed PoP transactions its last stored miner state held.</summary>
public sealed class RecordingGrainStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();
    private volatile HashSet<string> _persistedTransactions = [];

    /// <summary>Whether the most recently stored miner state holds <paramref name="transactionHex"/> as a signed transaction.</summary>
    public bool IsPersisted(string transactionHex) => _persistedTransactions.Contains(transactionHex);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _inner.WriteStateAsync(stateName, grainId, grainState);
        if (grainState.State is PopMinerState miner)
        {
            _persistedTransactions = miner.Entries.Where(e => e.TxHex is not null).Select(e => e.TxHex!).ToHashSet(StringComparer.Ordinal);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ClearStateAsync(stateName, grainId, grainState);
}
