using Hemi.Grains.Runtime;
using Hemi.Protocol.Keystones;

namespace Hemi.Grains.Keystones;

/// <summary>
/// One L2 keystone, keyed by its abbreviated hash in display hex (<c>L2KeystoneAbrev.GetHash().ToString()</c>):
/// holds the full keystone and answers its Bitcoin finality.
/// </summary>
public interface IKeystoneGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the keystone (idempotent) and registers it with the keystone registry. Throws
    /// <see cref="ArgumentException"/> when the keystone's hash is not this grain's key, or when different content was stored before.
    /// </summary>
    Task SubmitAsync(L2Keystone keystone);

    /// <summary>The stored keystone, or null when none was submitted.</summary>
    [ReadOnly]
    Task<L2Keystone?> GetKeystoneAsync();

    /// <summary>
    /// BFG-v2 finality of this keystone over its known descendants and the Bitcoin chain grain's publications;
    /// null when no keystone was submitted.
    /// </summary>
    [ReadOnly]
    Task<KeystoneFinalityInfo?> GetFinalityAsync();
}
