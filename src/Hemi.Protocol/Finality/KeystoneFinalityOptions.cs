namespace Hemi.Protocol.Finality;

/// <summary>BFG-v2 finality parameters; the defaults are Hemi's.</summary>
public sealed record KeystoneFinalityOptions
{
    /// <summary>Confirmations at which a keystone is superfinal (<c>BitcoinSuperFinality</c>).</summary>
    public uint SuperFinalityDepth { get; init; } = 10;

    /// <summary>The search through descendants stops once this many confirmations are found (<c>ultraFinalityDepth</c>).</summary>
    public uint SearchStopDepth { get; init; } = 20;

    /// <summary>Descendants examined per step, as op-geth's <c>kss_getKeystone(hash, 10)</c> returns.</summary>
    public int DescendantsPerStep { get; init; } = 10;

    /// <summary>Hemi v1's cap on <c>btc_finality</c>.</summary>
    public int LegacyFinalityCap { get; init; } = 100;

    /// <summary>Hemi v1's <c>btc_finality</c> for an unpublished keystone (and its offset: value = confirmations − 8).</summary>
    public int LegacyUnpublished { get; init; } = -9;

    public static KeystoneFinalityOptions Default { get; } = new();
}
