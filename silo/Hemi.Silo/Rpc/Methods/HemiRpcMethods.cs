using System.Text.Json.Nodes;
using Hemi.Grains.Keystones;
using Hemi.Protocol.Keystones;
using Hemi.Silo.Chain;

namespace Hemi.Silo.Rpc.Methods;

/// <summary>
/// Hemi's keystone namespace as op-geth serves it (<c>kss_getLatestKeystones</c>, <c>kss_getKeystone</c>: answers
/// <c>{"keystones": […], "error": null}</c>, newest first for the former, the keystone then its descendants for the
/// latter, at most 50), and <c>hemi_getBlockFinality</c>: the keystone covering an L2 block (the first keystone block
/// at or above it) with its BFG-v2 Bitcoin finality.
/// </summary>
public sealed class HemiRpcMethods(IL2Chain chain, uint keystonePeriod)
{
    /// <summary>op-geth's cap on keystones per kss answer.</summary>
    public const int MaxKeystones = 50;

    public void Register(IDictionary<string, RpcMethod> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        methods["kss_getLatestKeystones"] = GetLatestKeystonesAsync;
        methods["kss_getKeystone"] = GetKeystoneAsync;
        methods["hemi_getBlockFinality"] = GetBlockFinalityAsync;
        methods["hemi_getKeystoneFinality"] = GetKeystoneFinalityAsync;
        methods["hemi_getBitcoinTip"] = async (p, _) =>
        {
            p.Expect(0, 0);
            var tip = await chain.GetBitcoinTipAsync();
            return new JsonObject { ["height"] = tip.Height, ["hash"] = tip.Hash };
        };
    }

    private async Task<JsonNode?> GetLatestKeystonesAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var count = p.SmallInteger(0, 1, MaxKeystones);
        var keystones = await chain.GetLatestKeystonesAsync(count);
        return Keystones(keystones.Take(count));
    }

    private async Task<JsonNode?> GetKeystoneAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 2);
        var hash = KeystoneHash(p, 0);
        var descendants = p.Has(1) ? p.SmallInteger(1, 0, MaxKeystones) : 0;
        var chainFrom = await chain.GetKeystoneChainAsync(hash, descendants);
        if (chainFrom.Count == 0)
        {
            throw JsonRpcException.Server($"keystone {hash} not found");
        }

        return Keystones(chainFrom.Take(descendants + 1));
    }

    private async Task<JsonNode?> GetKeystoneFinalityAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var hash = KeystoneHash(p, 0);
        var finality = await chain.GetKeystoneFinalityAsync(hash) ?? throw JsonRpcException.Server($"keystone {hash} not found");
        return FinalityJson(finality);
    }

    private async Task<JsonNode?> GetBlockFinalityAsync(RpcParams p, CancellationToken ct)
    {
        p.Expect(1, 1);
        var blockHash = p.Hash(0);
        var number = await chain.GetBlockNumberAsync(blockHash) ?? throw JsonRpcException.Server($"block {blockHash} not found");
        var keystoneNumber = KeystoneBlockOf(number);
        var result = new JsonObject
        {
            ["blockHash"] = blockHash.ToString(),
            ["blockNumber"] = RpcHex.Quantity(number),
            ["keystoneBlockNumber"] = RpcHex.Quantity(keystoneNumber),
        };
        var keystone = await FindKeystoneAsync(keystoneNumber);
        if (keystone is null)
        {
            // Not yet covered by a keystone (or the keystone is not registered yet): no Bitcoin finality.
            result["keystoneHash"] = null;
            result["l2_keystone"] = null;
            result["superFinality"] = false;
            result["effectiveConfirmations"] = 0;
            result["btcFinality"] = -9;
            return result;
        }

        var hash = KeystoneText.HashOf(keystone);
        var finality = await chain.GetKeystoneFinalityAsync(hash);
        result["keystoneHash"] = hash;
        if (finality is null)
        {
            result["l2_keystone"] = KeystoneText.ToJson(keystone);
            result["superFinality"] = false;
            result["effectiveConfirmations"] = 0;
            result["btcFinality"] = -9;
            return result;
        }

        foreach (var (key, value) in FinalityJson(finality))
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    /// <summary>The keystone block that covers block <paramref name="number"/>: the next multiple of the period at or above it (genesis: the first keystone).</summary>
    public ulong KeystoneBlockOf(ulong number)
    {
        var period = (ulong)keystonePeriod;
        if (number == 0)
        {
            return period;
        }

        var remainder = number % period;
        return remainder == 0 ? number : number + (period - remainder);
    }

    private async Task<L2Keystone?> FindKeystoneAsync(ulong keystoneNumber)
    {
        var latest = await chain.GetLatestKeystonesAsync(MaxKeystones);
        foreach (var keystone in latest)
        {
            if (keystone.L2BlockNumber == keystoneNumber)
            {
                return keystone;
            }
        }

        if (latest.Count == 0 || keystoneNumber > latest[0].L2BlockNumber)
        {
            return null;
        }

        // Older than the newest 50: walk forward from the oldest known of those is impossible, so rebuild the keystone from
        // the L2 blocks and look it up by hash (the registry holds every keystone the sequencer submitted).
        return await chain.FindKeystoneByBlockAsync(keystoneNumber);
    }

    private static string KeystoneHash(RpcParams p, int index)
    {
        var text = p.String(index);
        if (!KeystoneText.TryNormalizeHash(text, out var hash))
        {
            throw RpcParams.Invalid(index, "a keystone hash is 64 hex digits (display byte order)");
        }

        return hash;
    }

    private static JsonObject Keystones(IEnumerable<L2Keystone> keystones) => new()
    {
        ["keystones"] = new JsonArray([.. keystones.Select(k => (JsonNode)KeystoneText.ToJson(k))]),
        ["error"] = null,
    };

    private static JsonObject FinalityJson(KeystoneFinalityInfo finality) => new()
    {
        ["l2_keystone"] = KeystoneText.ToJson(finality.L2Keystone),
        ["finalizedBy"] = finality.FinalizedBy is { } by ? KeystoneText.HashOf(by) : null,
        ["bitcoinBlockHash"] = finality.BlockHash,
        ["bitcoinBlockHeight"] = finality.BlockHash is null ? null : finality.BlockHeight,
        ["effectiveConfirmations"] = finality.EffectiveConfirmations,
        ["superFinality"] = finality.SuperFinality,
        ["btcFinality"] = finality.BtcFinality,
        ["bitcoinTipHeight"] = finality.TipHeight,
    };
}
