namespace Hemi.Grains.Keystones;

/// <summary>Well-known keys of <see cref="IKeystoneRegistryGrain"/>.</summary>
public static class KeystoneRegistry
{
    /// <summary>The registry of the one L2 chain a deployment serves.</summary>
    public const string DefaultKey = "default";
}
