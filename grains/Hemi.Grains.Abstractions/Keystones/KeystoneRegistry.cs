namespace Hemi.Grains.Keystones;

/// <summary>Well-known keys of <see cref="IKeystoneRegistryGrain"/>.</summary>
public static class KeystoneRegistry
{
    /// <summary>The registry of the one L2 chain a deployment serves.</summary>
    public const string DefaultKey = "default";

    /// <summary>The most keystones one <c>GetLatestAsync</c> call returns (op-geth's <c>kss_getLatestKeystones</c> limit).</summary>
    public const int MaxLatestCount = 50;
}
