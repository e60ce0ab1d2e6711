namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>A fixed silo identity for protocol tests.</summary>
public sealed class TestSiloDetails(SiloAddress siloAddress, string name = "test") : ILocalSiloDetails
{
    public string Name { get; } = name;

    public SiloAddress SiloAddress { get; } = siloAddress;
}
