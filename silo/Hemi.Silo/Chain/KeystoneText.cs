using System.Text.Json.Nodes;
using Hemi.Protocol.Keystones;

namespace Hemi.Silo.Chain;

/// <summary>
/// Keystones as Hemi's APIs show them: the full keystone JSON of §1.1 (byte fields as plain lower-case hex without 0x,
/// Go's <c>api.ByteSlice</c>) and the abbreviated hash in display (reversed) hex.
/// </summary>
public static class KeystoneText
{
    /// <summary>The keystone's abbreviated hash, display hex (the key of keystone grains and the BFG URL).</summary>
    public static string HashOf(L2Keystone keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        return keystone.Abbreviate().GetHash().ToString();
    }

    public static JsonObject ToJson(L2Keystone keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        return new JsonObject
        {
            ["version"] = keystone.Version,
            ["l1_block_number"] = keystone.L1BlockNumber,
            ["l2_block_number"] = keystone.L2BlockNumber,
            ["parent_ep_hash"] = Convert.ToHexStringLower(keystone.ParentEPHash),
            ["prev_ep_keystone_hash"] = Convert.ToHexStringLower(keystone.PrevKeystoneEPHash),
            ["state_root"] = Convert.ToHexStringLower(keystone.StateRoot),
            ["ep_hash"] = Convert.ToHexStringLower(keystone.EPHash),
        };
    }

    /// <summary>
    /// Normalises a keystone hash given in display hex (64 digits, optional 0x, any case) to the grain key form;
    /// false when it is not one.
    /// </summary>
    public static bool TryNormalizeHash(string? text, out string hash)
    {
        hash = "";
        if (text is null)
        {
            return false;
        }

        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length != 64)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        hash = digits.ToString().ToLowerInvariant();
        return true;
    }
}
