using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Keystones;

/// <summary>The persisted state of a keystone registry: keystones by ascending L2 block number (arrival order on ties).</summary>
public sealed class KeystoneRegistryState
{
    /// <summary>Known keystones, ascending by L2 block number.</summary>
    public List<L2Keystone> Keystones { get; set; } = [];
}
