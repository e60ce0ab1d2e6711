using System.Collections.Concurrent;
using Hemi.Bitcoin;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Hvm;

/// <summary>Keeps one <see cref="HvmBitcoinIndex"/> per network for the life of the silo.</summary>
public sealed class HvmBitcoinIndexProvider(IOptions<HvmBitcoinIndexOptions> options) : IHvmBitcoinIndexProvider
{
    private readonly ConcurrentDictionary<string, HvmBitcoinIndex> _indexes = new(StringComparer.Ordinal);
    private readonly int _retained = options.Value.RetainedSnapshots;

    public HvmBitcoinIndex GetIndex(string networkName)
    {
        if (!Network.TryGetByName(networkName, out var network))
        {
            throw new ArgumentException($"Unknown Bitcoin network '{networkName}'.", nameof(networkName));
        }

        return _indexes.GetOrAdd(network.Name, static (_, state) => new HvmBitcoinIndex(state.network, state.retained), (network, retained: _retained));
    }
}
