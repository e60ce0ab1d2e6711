using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.L2.Storage;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.L2.Assembly;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.L2.Blocks;

/// <summary>
/// Serves one sealed block (key: block number) from the object store. A sealed block never changes, so it is read once
/// and cached for the activation's lifetime; a block that is not sealed yet is looked up again on the next call.
/// </summary>
public sealed class BlockGrain(IOptions<SequencerOptions> options, IServiceProvider services) : Grain, IBlockGrain
{
    private readonly SequencerOptions _options = options.Value;
    private readonly IObjectStore _store = services.GetRequiredKeyedService<IObjectStore>(options.Value.ObjectStoreName);
    private SealedL2Block? _block;

    /// <inheritdoc />
    public async Task<SealedL2Block?> GetBlockAsync()
    {
        if (_block is not null)
        {
            return _block;
        }

        var number = this.GetPrimaryKeyLong();
        if (number < 0)
        {
            return null;
        }

        var stored = await _store.GetAsync(L2ObjectKeys.Block(_options.ChainId, (ulong)number));
        if (stored is null)
        {
            return null;
        }

        _block = SealedBlockCodec.Decode(stored);
        return _block;
    }
}
