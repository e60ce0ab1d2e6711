namespace Hemi.Grains.Runtime.Configuration;

/// <summary>Identity of this silo.</summary>
public sealed class SiloOptions
{
    /// <summary>A human-readable silo name (logs).</summary>
    public string SiloName { get; set; } = "silo";

    /// <summary>The address other silos will use to reach this one.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;
}
