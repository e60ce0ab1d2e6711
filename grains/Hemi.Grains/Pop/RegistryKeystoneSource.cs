using Hemi.Grains.Keystones;
using Hemi.Grains.Runtime;
using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Pop;

/// <summary>Keystone discovery inside a silo: the latest keystones of an <see cref="IKeystoneRegistryGrain"/>.</summary>
public sealed class RegistryKeystoneSource(IGrainFactory grains, string registryKey = KeystoneRegistry.DefaultKey) : IKeystoneSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count, CancellationToken ct = default) =>
        grains.GetGrain<IKeystoneRegistryGrain>(registryKey).GetLatestAsync(count);
}
