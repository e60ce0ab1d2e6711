namespace Hemi.Grains.Chain;

/// <summary>One indexed block of a chain grain's persisted state (hash in display hex).</summary>
public sealed record IndexedBlock(int Height, string Hash);
