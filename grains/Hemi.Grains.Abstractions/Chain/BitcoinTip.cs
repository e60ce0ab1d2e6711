namespace Hemi.Grains.Chain;

/// <summary>A Bitcoin block by height and display-hex hash.</summary>
public sealed record BitcoinTip(int Height, string Hash);
