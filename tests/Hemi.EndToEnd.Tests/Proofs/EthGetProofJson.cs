using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;

namespace Hemi.EndToEnd.Tests.Proofs;

/// <summary>Writes an <see cref="AccountProof"/> in the JSON shape of an <c>eth_getProof</c> answer (EIP-1186).</summary>
internal static class EthGetProofJson
{
    public static JsonObject ToJson(AccountProof proof) => new()
    {
        ["address"] = proof.Address.ToString(),
        ["accountProof"] = new JsonArray([.. proof.AccountProofNodes.Select(n => JsonValue.Create(Hex.Prefixed(n)))]),
        ["balance"] = Quantity(proof.Balance),
        ["codeHash"] = proof.CodeHash.ToString(),
        ["nonce"] = Quantity(proof.Nonce),
        ["storageHash"] = proof.StorageHash.ToString(),
        ["storageProof"] = new JsonArray([.. proof.StorageProof.Select(s => (JsonNode)new JsonObject
        {
            ["key"] = s.Key.ToString(),
            ["value"] = Quantity(s.Value),
            ["proof"] = new JsonArray([.. s.Proof.Select(n => JsonValue.Create(Hex.Prefixed(n)))]),
        })]),
    };

    /// <summary>An Ethereum JSON-RPC quantity: 0x-prefixed, lower-case, no leading zeros ("0x0" for zero).</summary>
    public static string Quantity(BigInteger value) =>
        value.IsZero ? "0x0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');

    public static JsonObject Case(Hash32 stateRoot, JsonObject proof) => new()
    {
        ["stateRoot"] = stateRoot.ToString(),
        ["proof"] = proof,
    };
}
