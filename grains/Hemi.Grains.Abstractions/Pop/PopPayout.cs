namespace Hemi.Grains.Pop;

/// <summary>PoP payout rules (PoPPayoutsV2).</summary>
public static class PopPayout
{
    /// <summary>
    /// <c>MAXIMUM_BTC_PUBLICATION_DELAY</c>: a publication counts for rewards when it is fewer than this many Bitcoin blocks
    /// after the keystone's first publication (relative block 0..8; the score table gives 0 from 9 on).
    /// </summary>
    public const int MaximumBtcPublicationDelay = 9;
}
