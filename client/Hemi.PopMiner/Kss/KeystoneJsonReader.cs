using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hemi.Crypto;
using Hemi.Protocol.Keystones;

namespace Hemi.PopMiner.Kss;

/// <summary>
/// Reads the full keystone JSON of op-geth's kss namespace (§1.1: <c>version</c>, <c>l1_block_number</c>,
/// <c>l2_block_number</c>, <c>parent_ep_hash</c>, <c>prev_ep_keystone_hash</c>, <c>state_root</c>, <c>ep_hash</c>;
/// byte fields as hex with or without 0x). Anything else is a <see cref="KssResponseException"/>.
/// </summary>
public static class KeystoneJsonReader
{
    private const int MaxHashBytes = 32;

    /// <summary>Parses one keystone object.</summary>
    public static L2Keystone Read(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new KssResponseException("A keystone is not a JSON object.");
        }

        var version = ReadUInt(obj, "version", byte.MaxValue);
        if (version != L2Keystone.CurrentVersion)
        {
            throw new KssResponseException($"Keystone version {version} is not supported.");
        }

        return new L2Keystone
        {
            Version = (byte)version,
            L1BlockNumber = ReadUInt(obj, "l1_block_number", uint.MaxValue),
            L2BlockNumber = ReadUInt(obj, "l2_block_number", uint.MaxValue),
            ParentEPHash = ReadHash(obj, "parent_ep_hash", required: true),
            // Empty or null for the first keystone (n = 25).
            PrevKeystoneEPHash = ReadHash(obj, "prev_ep_keystone_hash", required: false),
            StateRoot = ReadHash(obj, "state_root", required: true),
            EPHash = ReadHash(obj, "ep_hash", required: true),
        };
    }

    /// <summary>Writes a keystone in the same shape (0x-prefixed hex), as a kss server answers it.</summary>
    public static JsonObject Write(L2Keystone keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        return new JsonObject
        {
            ["version"] = keystone.Version,
            ["l1_block_number"] = keystone.L1BlockNumber,
            ["l2_block_number"] = keystone.L2BlockNumber,
            ["parent_ep_hash"] = Hex.EncodePrefixed(keystone.ParentEPHash),
            ["prev_ep_keystone_hash"] = Hex.EncodePrefixed(keystone.PrevKeystoneEPHash),
            ["state_root"] = Hex.EncodePrefixed(keystone.StateRoot),
            ["ep_hash"] = Hex.EncodePrefixed(keystone.EPHash),
        };
    }

    private static uint ReadUInt(JsonObject obj, string name, uint max)
    {
        if (obj[name] is not JsonValue value)
        {
            throw new KssResponseException($"Keystone field '{name}' is missing.");
        }

        ulong number;
        // Through the JSON text, so values built in memory (any CLR number type) read like parsed ones.
        if (value.GetValueKind() == JsonValueKind.Number
            && ulong.TryParse(value.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            number = n;
        }
        else if (value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 2 and <= 18 } s
            && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h))
        {
            // Ethereum-style quantities are hex strings; accept them too.
            number = h;
        }
        else
        {
            throw new KssResponseException($"Keystone field '{name}' is not an unsigned integer.");
        }

        return number <= max ? (uint)number : throw new KssResponseException($"Keystone field '{name}' is out of range.");
    }

    private static byte[] ReadHash(JsonObject obj, string name, bool required)
    {
        var node = obj[name];
        if (node is null)
        {
            return required ? throw new KssResponseException($"Keystone field '{name}' is missing.") : [];
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new KssResponseException($"Keystone field '{name}' is not a hex string.");
        }

        var text = value.GetValue<string>();
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        // Bound before decoding: a hash field is at most 32 bytes.
        if (digits.Length > 2 * MaxHashBytes || !Hex.TryDecode(digits, out var bytes))
        {
            throw new KssResponseException($"Keystone field '{name}' is not hex of at most {MaxHashBytes} bytes.");
        }

        return bytes;
    }
}
