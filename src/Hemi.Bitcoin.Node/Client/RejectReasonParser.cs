using System.Collections.Frozen;

namespace Hemi.Bitcoin.Node.Client;

/// <summary>
/// Turns bitcoind's broadcast error messages ("reason", "reason (detail)", "reason, detail") back into a
/// <see cref="TransactionRejection"/>; also knows the spellings older bitcoind releases used.
/// </summary>
internal static class RejectReasonParser
{
    private static readonly FrozenDictionary<string, RejectCode> Reasons = BuildReasons();

    // Longest first, so "bad-txns-inputs-missingorspent" wins over a shorter reason sharing its prefix.
    private static readonly string[] ByLength = [.. Reasons.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)];

    public static bool TryParse(string message, out TransactionRejection rejection)
    {
        var text = message.Trim();
        foreach (var reason in ByLength)
        {
            if (!text.StartsWith(reason, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = text[reason.Length..];
            if (rest.Length != 0 && rest[0] is not (' ' or ',' or '(' or ':'))
            {
                continue;
            }

            rejection = new TransactionRejection(Reasons[reason], Detail(rest));
            return true;
        }

        rejection = null!;
        return false;
    }

    private static string? Detail(string rest)
    {
        var detail = rest.TrimStart(',', ':', ' ');
        if (detail.StartsWith('(') && detail.EndsWith(')'))
        {
            detail = detail[1..^1];
        }

        detail = detail.Trim();
        return detail.Length == 0 ? null : detail;
    }

    private static FrozenDictionary<string, RejectCode> BuildReasons()
    {
        var map = new Dictionary<string, RejectCode>(StringComparer.Ordinal);
        foreach (var code in Enum.GetValues<RejectCode>())
        {
            map.TryAdd(RejectReasons.ToReason(code), code);
        }

        // Spellings of other bitcoind versions and reasons without a code of their own.
        map.TryAdd("missing-inputs", RejectCode.MissingOrSpentInputs);
        map.TryAdd("Missing inputs", RejectCode.MissingOrSpentInputs);
        map.TryAdd("non-mandatory-script-verify-flag", RejectCode.ScriptVerifyFailed);
        map.TryAdd("mandatory-script-verify-flag", RejectCode.ScriptVerifyFailed);
        map.TryAdd("mempool min fee not met", RejectCode.MinRelayFeeNotMet);
        map.TryAdd("min relay fee not met", RejectCode.MinRelayFeeNotMet);
        map.TryAdd("insufficient fee", RejectCode.MinRelayFeeNotMet);
        map.TryAdd("bad-witness-nonstandard", RejectCode.NonStandardInputs);
        map.TryAdd("txn-same-nonwitness-data-in-mempool", RejectCode.AlreadyInMempool);
        map.TryAdd("high-hash", RejectCode.BadHeader);
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
