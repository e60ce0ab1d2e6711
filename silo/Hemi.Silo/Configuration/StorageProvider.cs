namespace Hemi.Silo.Configuration;

/// <summary>Where grain state and immutable objects (blocks, snapshots, the regtest chain) are stored.</summary>
public enum StorageProvider
{
    /// <summary>Crash-safe files under the data folder (the devnet default).</summary>
    Files,

    /// <summary>Azure Blob Storage (or Azurite) through a connection string.</summary>
    AzureBlob,

    /// <summary>Process memory: lost at exit (tests and throw-away runs).</summary>
    Memory,
}
