using System.Text.RegularExpressions;
using Hemi.Ethereum;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>
/// What the devnet silo prints at start, read back from its console output: the funded development accounts
/// (private keys) and the hemiBTC token address. Environment variables override it for unusual setups:
/// <c>HEMI_E2E_DEV_KEYS</c> (comma-separated keys) and <c>HEMI_E2E_HEMIBTC</c>.
/// </summary>
internal static partial class DevnetBanner
{
    [GeneratedRegex(@"\b0x[0-9a-fA-F]{64}\b")]
    private static partial Regex Key32();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]{40}\b")]
    private static partial Regex Address20();

    /// <summary>Private keys printed on lines that speak of keys; each key is checked to be a valid secp256k1 secret.</summary>
    public static IReadOnlyList<DevAccount> Accounts(string output)
    {
        if (Environment.GetEnvironmentVariable("HEMI_E2E_DEV_KEYS") is { Length: > 0 } overridden)
        {
            return [.. overridden.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(DevAccount.FromPrivateKey)];
        }

        var accounts = new List<DevAccount>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n'))
        {
            if (!line.Contains("key", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (Match match in Key32().Matches(line))
            {
                if (!seen.Add(match.Value) || !Hemi.Crypto.Secp256k1.PrivateKey.IsValid(Infrastructure.Hex.Decode(match.Value)))
                {
                    continue;
                }

                var account = DevAccount.FromPrivateKey(match.Value);

                // An address printed beside the key must be the key's: a wallet user would otherwise fund the wrong one.
                if (Address20().Match(line) is { Success: true } printed && Address.Parse(printed.Value) != account.Address)
                {
                    throw new FormatException($"The banner line '{line.Trim()}' prints address {printed.Value}, but its key belongs to {account.Address}.");
                }

                accounts.Add(account);
            }
        }

        return accounts;
    }

    /// <summary>The hemiBTC address from the first line that names hemiBTC and holds an address, or null.</summary>
    public static Address? HemiBtc(string output)
    {
        if (Environment.GetEnvironmentVariable("HEMI_E2E_HEMIBTC") is { Length: > 0 } overridden)
        {
            return Address.Parse(overridden);
        }

        foreach (var line in output.Split('\n'))
        {
            if (line.Contains("hemiBTC", StringComparison.OrdinalIgnoreCase) && Address20().Match(line) is { Success: true } match)
            {
                return Address.Parse(match.Value);
            }
        }

        return null;
    }
}
