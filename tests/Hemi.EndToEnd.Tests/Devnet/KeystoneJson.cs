using System.Text.Json.Nodes;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.Protocol.Keystones;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>Reads keystones in the JSON shape of hemi.L2Keystone (§1.1: snake_case keys, hex byte fields).</summary>
internal static class KeystoneJson
{
    /// <summary>The keystones of a <c>kss_getLatestKeystones</c> answer: <c>{keystones:[…]}</c> or a bare array.</summary>
    public static IReadOnlyList<L2Keystone> List(JsonNode? answer)
    {
        var array = answer switch
        {
            JsonArray a => a,
            JsonObject o when o["keystones"] is JsonArray a => a,
            JsonObject o when o["error"] is JsonNode error && error.GetValueKind() != System.Text.Json.JsonValueKind.Null =>
                throw new InvalidOperationException("kss_getLatestKeystones answered an error: " + o.ToJsonString()),
            _ => [],
        };
        return [.. array.OfType<JsonObject>().Select(k => Parse(k["l2_keystone"] as JsonObject ?? k))];
    }

    public static L2Keystone Parse(JsonObject json) => new()
    {
        Version = (byte)Number(json["version"]),
        L1BlockNumber = (uint)Number(json["l1_block_number"]),
        L2BlockNumber = (uint)Number(json["l2_block_number"]),
        ParentEPHash = Bytes(json["parent_ep_hash"]),
        PrevKeystoneEPHash = Bytes(json["prev_ep_keystone_hash"]),
        StateRoot = Bytes(json["state_root"]),
        EPHash = Bytes(json["ep_hash"]),
    };

    private static ulong Number(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => node.GetValue<ulong>(),
        System.Text.Json.JsonValueKind.String => Rpc.Quantity.ToUInt64(node),
        _ => throw new FormatException($"keystone number field missing or not a number: {node?.ToJsonString()}"),
    };

    private static byte[] Bytes(JsonNode? node) =>
        node is null || node.GetValueKind() == System.Text.Json.JsonValueKind.Null ? [] : Hex.Decode(node.GetValue<string>());
}
