namespace Hemi.Grains.Hvm;

/// <summary>The silo's hVM Bitcoin indexes, one per Bitcoin network, fed by the chain grains.</summary>
public interface IHvmBitcoinIndexProvider
{
    /// <summary>The index of network <paramref name="networkName"/> (created empty on first use).</summary>
    /// <exception cref="ArgumentException">Not a known network name.</exception>
    HvmBitcoinIndex GetIndex(string networkName);
}
