using Hemi.Grains.Runtime;
using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Keystones;

/// <summary>Keeps every known keystone of an L2 chain ordered by L2 block number.</summary>
public sealed class KeystoneRegistryGrain(
    [PersistentState("keystone-registry")] IPersistentState<KeystoneRegistryState> state) : Grain, IKeystoneRegistryGrain
{
    // Hash -> keystone, rebuilt per activation so registration and lookups do not scan.
    private Dictionary<string, L2Keystone>? _byHash;

    /// <inheritdoc />
    public async Task RegisterAsync(L2Keystone keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        var byHash = Index();
        var hash = HashOf(keystone);
        if (byHash.ContainsKey(hash))
        {
            return;
        }

        var list = state.State.Keystones;
        // Insert after every keystone with the same or a lower L2 number: ties keep arrival order.
        var position = list.Count;
        while (position > 0 && list[position - 1].L2BlockNumber > keystone.L2BlockNumber)
        {
            position--;
        }

        list.Insert(position, keystone);
        byHash.Add(hash, keystone);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            list.RemoveAt(position);
            byHash.Remove(hash);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<L2Keystone>> GetChainFromAsync(string keystoneHash)
    {
        ArgumentNullException.ThrowIfNull(keystoneHash);
        if (!Index().TryGetValue(keystoneHash.ToLowerInvariant(), out var keystone))
        {
            return Task.FromResult<IReadOnlyList<L2Keystone>>([]);
        }

        var chain = new List<L2Keystone> { keystone };
        chain.AddRange(state.State.Keystones.Where(k => k.L2BlockNumber > keystone.L2BlockNumber));
        return Task.FromResult<IReadOnlyList<L2Keystone>>(chain);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<L2Keystone>> GetLatestAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, KeystoneRegistry.MaxLatestCount);
        var list = state.State.Keystones;
        var take = Math.Min(count, list.Count);
        var latest = new L2Keystone[take];
        for (var i = 0; i < take; i++)
        {
            latest[i] = list[list.Count - 1 - i];
        }

        return Task.FromResult<IReadOnlyList<L2Keystone>>(latest);
    }

    /// <inheritdoc />
    public Task<int> GetCountAsync() => Task.FromResult(state.State.Keystones.Count);

    private Dictionary<string, L2Keystone> Index() =>
        _byHash ??= state.State.Keystones.ToDictionary(HashOf, StringComparer.Ordinal);

    private static string HashOf(L2Keystone keystone) => keystone.Abbreviate().GetHash().ToString();
}
