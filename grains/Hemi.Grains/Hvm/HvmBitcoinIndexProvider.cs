using System.Collections.Concurrent;
using Hemi.Bitcoin;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Hvm;

/// <summary>Keeps one <see cref="HvmBitcoinIndex"/> per network for the life of the silo.</summary>
public sealed class HvmBitcoinIndexProvider(IOptions<HvmBitcoinIndexOptions> options) : IHvmBitcoinIndexProvider
{
    private readonly ConcurrentDictionary<string, HvmBitcoinIndex> _indexes = new(StringComparer.Ordinal);
    private readonly HvmBitcoinIndexOptions _options = options.Value;

    public HvmBitcoinIndex GetIndex(string networkName)
    {
        if (!Network.TryGetByName(networkName, out var network))
        {
            throw new ArgumentException($"Unknown Bitcoin network '{networkName}'.", nameof(networkName));
        }

        return _indexes.GetOrAdd(network.Name, static (_, state) => new HvmBitcoinIndex(state.network, state.options.RetainedSnapshots, state.options.MaxRewindBlocks), (network, options: _options));
    }
}
