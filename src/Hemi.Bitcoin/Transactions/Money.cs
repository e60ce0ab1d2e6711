namespace Hemi.Bitcoin.Transactions;

/// <summary>Bitcoin amount constants (satoshis).</summary>
public static class Money
{
    /// <summary>Satoshis per bitcoin.</summary>
    public const long Coin = 100_000_000;

    /// <summary>Bitcoin Core's MAX_MONEY: no amount, nor sum of amounts, may exceed 21 million BTC.</summary>
    public const long MaxMoney = 21_000_000 * Coin;

    public static bool IsValidAmount(long value) => value is >= 0 and <= MaxMoney;
}
