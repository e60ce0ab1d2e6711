using Hemi.Grains.Chain;
using Hemi.Grains.Runtime;
using Hemi.Protocol.Finality;
using Hemi.Protocol.Keystones;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Keystones;

/// <summary>
/// One keystone: stores it, registers it, and computes its finality from its known descendants (registry) and the
/// first publications on the indexed Bitcoin chain (chain grain).
/// </summary>
public sealed class KeystoneGrain(
    [PersistentState("keystone")] IPersistentState<KeystoneState> state,
    IOptions<KeystoneGrainOptions> options) : Grain, IKeystoneGrain
{
    private readonly KeystoneGrainOptions _options = options.Value;

    /// <inheritdoc />
    public async Task SubmitAsync(L2Keystone keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        var key = this.GetPrimaryKeyString();
        var hash = keystone.Abbreviate().GetHash().ToString();
        if (!string.Equals(hash, key, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Keystone {hash} was submitted to the grain of keystone {key}.", nameof(keystone));
        }

        if (state.State.Keystone is { } existing)
        {
            if (!existing.ContentEquals(keystone))
            {
                throw new ArgumentException($"Keystone {key} was already submitted with different content.", nameof(keystone));
            }
        }
        else
        {
            state.State.Keystone = keystone;
            await state.WriteStateAsync();
        }

        // Also on a repeat: a previous registration may have failed after the state was written.
        await GrainFactory.GetGrain<IKeystoneRegistryGrain>(_options.RegistryKey).RegisterAsync(keystone);
    }

    /// <inheritdoc />
    public Task<L2Keystone?> GetKeystoneAsync() => Task.FromResult(state.State.Keystone);

    /// <inheritdoc />
    public async Task<KeystoneFinalityInfo?> GetFinalityAsync()
    {
        if (state.State.Keystone is not { } keystone)
        {
            return null;
        }

        var registry = GrainFactory.GetGrain<IKeystoneRegistryGrain>(_options.RegistryKey);
        var chain = await registry.GetChainFromAsync(this.GetPrimaryKeyString());
        if (chain.Count == 0)
        {
            chain = [keystone];
        }

        var hashes = chain.Select(k => k.Abbreviate().GetHash().ToString()).ToArray();
        var snapshot = await GrainFactory.GetGrain<IBitcoinChainGrain>(_options.BitcoinNetwork).GetFirstPublicationsAsync(hashes);
        var published = new Dictionary<string, KeystonePublication>(StringComparer.Ordinal);
        for (var i = 0; i < hashes.Length; i++)
        {
            if (snapshot.FirstPublications[i] is { } first)
            {
                published[hashes[i]] = new KeystonePublication(Bitcoin.Hash256.Parse(first.BlockHash), (uint)first.BlockHeight);
            }
        }

        // An empty chain (tip −1) has nothing published, so any tip value gives zero confirmations.
        var tipHeight = (uint)Math.Max(0, snapshot.Tip.Height);
        var result = KeystoneFinality.Compute(
            chain,
            abrev => published.GetValueOrDefault(abrev.GetHash().ToString()),
            tipHeight,
            _options.Finality);
        return new KeystoneFinalityInfo(
            keystone,
            result.FinalizedBy,
            result.BlockHash?.ToString(),
            result.BlockHeight,
            result.EffectiveConfirmations,
            result.SuperFinality,
            result.LegacyBtcFinality,
            snapshot.Tip.Height);
    }
}
