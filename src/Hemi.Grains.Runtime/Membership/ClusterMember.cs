namespace Hemi.Grains.Runtime.Membership;

/// <summary>One silo as seen in a membership view.</summary>
public sealed record ClusterMember(SiloAddress SiloAddress, SiloStatus Status, string Name, int ProxyPort);
