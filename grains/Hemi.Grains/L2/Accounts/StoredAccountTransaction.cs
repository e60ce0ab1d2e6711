using System.Globalization;
using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Grains.L2.Accounts;

/// <summary>One history entry as stored: hex hashes and addresses, the value as a decimal string.</summary>
public sealed record StoredAccountTransaction(string Hash, ulong Block, int Index, string From, string? To, string Value, bool Success)
{
    public static StoredAccountTransaction Of(AccountTransactionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.TransactionHash.ToString(), entry.BlockNumber, entry.Index, entry.From.ToLowerHexString(), entry.To?.ToLowerHexString(),
            entry.Value.ToString(CultureInfo.InvariantCulture), entry.Success);
    }

    /// <exception cref="FormatException">A field does not parse (a damaged or foreign record).</exception>
    public AccountTransactionEntry ToEntry()
    {
        if (Hash is null || From is null || Index < 0 || Value is null || Value.Length > 80
            || !BigInteger.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"Stored history entry {Hash} has an invalid index or value.");
        }

        return new AccountTransactionEntry(Hash32.Parse(Hash), Block, Index, Address.Parse(From), To is null ? null : Address.Parse(To), value, Success);
    }
}
