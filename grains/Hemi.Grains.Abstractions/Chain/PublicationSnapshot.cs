namespace Hemi.Grains.Chain;

/// <summary>First publications (null where a keystone is unpublished, same order as asked) at one indexed tip.</summary>
public sealed record PublicationSnapshot(BitcoinTip Tip, IReadOnlyList<KeystonePublicationInfo?> FirstPublications);
