using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Keystones;

/// <summary>The persisted state of a keystone grain.</summary>
public sealed class KeystoneState
{
    /// <summary>The submitted keystone, or null.</summary>
    public L2Keystone? Keystone { get; set; }
}
