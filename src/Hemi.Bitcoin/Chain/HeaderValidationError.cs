namespace Hemi.Bitcoin.Chain;

/// <summary>Why a header was refused (Bitcoin Core's reject reasons for headers).</summary>
public enum HeaderValidationError
{
    None,

    /// <summary>The previous block is unknown, or the header does not link to the expected parent (prev-blk-not-found).</summary>
    BadLink,

    /// <summary>The hash exceeds the target, or the target is negative, zero, overflowing or above the network limit (high-hash).</summary>
    BadProofOfWork,

    /// <summary>nBits differs from the difficulty the chain requires (bad-diffbits).</summary>
    BadDifficulty,

    /// <summary>The time is not after the median of the previous 11 blocks (time-too-old).</summary>
    TimeTooOld,

    /// <summary>The time is more than two hours ahead of the clock (time-too-new).</summary>
    TimeTooNew,

    /// <summary>BIP94: the first block of a period is more than 600 s older than its parent (time-timewarp-attack).</summary>
    TimeWarp,

    /// <summary>The version is below what BIP34/66/65 require at this height (bad-version).</summary>
    ObsoleteVersion,
}
