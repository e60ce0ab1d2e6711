namespace Hemi.Silo.Configuration;

/// <summary>Funded development accounts in genesis (section <c>Hemi:DevAccounts</c>).</summary>
public sealed class DevAccountsOptions
{
    public const string SectionName = "Hemi:DevAccounts";

    /// <summary>How many accounts (0 = none).</summary>
    public int Count { get; set; } = 10;

    /// <summary>ETH each account holds at genesis, in whole ether.</summary>
    public long EthBalance { get; set; } = 10_000;

    /// <summary>hemiBTC each account holds at genesis, in whole BTC (8 decimals on chain).</summary>
    public long HemiBtcBalance { get; set; } = 100;

    /// <summary>Print the accounts (address and private key) at start.</summary>
    public bool Print { get; set; } = true;

    public IEnumerable<string> Validate()
    {
        if (Count is < 0 or > 1000)
        {
            yield return "Hemi:DevAccounts:Count must be between 0 and 1000.";
        }

        if (EthBalance < 0 || HemiBtcBalance < 0)
        {
            yield return "Hemi:DevAccounts balances cannot be negative.";
        }
    }
}
