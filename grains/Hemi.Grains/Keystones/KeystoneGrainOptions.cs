using Hemi.Protocol.Finality;

namespace Hemi.Grains.Keystones;

/// <summary>Where keystone grains read publications from and how they compute finality.</summary>
public sealed class KeystoneGrainOptions
{
    /// <summary>Key of the <c>IBitcoinChainGrain</c> whose publications count.</summary>
    public string BitcoinNetwork { get; set; } = "regtest";

    /// <summary>Key of the <see cref="IKeystoneRegistryGrain"/> keystones register with.</summary>
    public string RegistryKey { get; set; } = KeystoneRegistry.DefaultKey;

    /// <summary>Finality depths; <see cref="KeystoneFinalityOptions.Default"/> when null.</summary>
    public KeystoneFinalityOptions? Finality { get; set; }
}
