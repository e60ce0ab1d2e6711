using System.Numerics;
using System.Text;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Grains.L2.Sequencing;
using Hemi.Silo.Configuration;

namespace Hemi.Silo.Devnet;

/// <summary>
/// The devnet's funded accounts. Key i is keccak256(ascii("hemi-devnet-" + i)) — public knowledge, so these accounts are for
/// local development only. (Every such hash is a valid secp256k1 key with overwhelming probability; one that is not is skipped.)
/// </summary>
public static class DevAccounts
{
    public const string SeedPrefix = "hemi-devnet-";

    /// <summary>Wei per ether.</summary>
    public static readonly BigInteger WeiPerEther = BigInteger.Pow(10, 18);

    /// <summary>hemiBTC base units (sats) per BTC.</summary>
    public static readonly BigInteger SatsPerBitcoin = 100_000_000;

    public static IReadOnlyList<DevAccount> Derive(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var accounts = new List<DevAccount>(count);
        for (var i = 0; accounts.Count < count; i++)
        {
            var secret = Keccak256.Hash(Encoding.ASCII.GetBytes(SeedPrefix + i));
            if (!PrivateKey.IsValid(secret))
            {
                continue;
            }

            using var key = PrivateKey.FromBytes(secret);
            accounts.Add(new DevAccount(i, Convert.ToHexStringLower(secret), Address.FromPublicKey(key.PublicKey)));
        }

        return accounts;
    }

    /// <summary>The genesis entries funding <paramref name="accounts"/> as <paramref name="options"/> says.</summary>
    public static IEnumerable<GenesisAccount> GenesisAlloc(IEnumerable<DevAccount> accounts, DevAccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(options);
        return accounts.Select(a => new GenesisAccount(a.Address, options.EthBalance * WeiPerEther, options.HemiBtcBalance * SatsPerBitcoin));
    }

    /// <summary>The banner printed at start.</summary>
    public static string Describe(IReadOnlyList<DevAccount> accounts, DevAccountsOptions options, ulong chainId, string rpcUrl)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        text.AppendLine("==================== Hemi devnet ====================");
        text.AppendLine($"JSON-RPC: {rpcUrl}   chain id: {chainId} (0x{chainId:x})");
        text.AppendLine($"Development accounts ({options.EthBalance} ETH and {options.HemiBtcBalance} hemiBTC each in genesis).");
        text.AppendLine("WARNING: these private keys are PUBLIC (keccak256(\"hemi-devnet-\" + i)). DEVNET ONLY: never send real funds to them.");
        foreach (var account in accounts)
        {
            text.AppendLine($"  ({account.Index}) {account.Address.ToChecksumString()}  private key 0x{account.PrivateKeyHex}");
        }

        text.AppendLine("=====================================================");
        return text.ToString();
    }
}
