using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.EndToEnd.Tests.Rpc;
using Hemi.Protocol.Keystones;
using Xunit.Abstractions;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>
/// The devnet end to end with its Bitcoin layer: the sequencer emits keystones every 25 blocks, the built-in PoP miner
/// publishes them on the embedded regtest chain, and the BFG-compatible <c>GET /v2/keystonefinality/{hash}</c> reports
/// superfinality (≥ 10 Bitcoin confirmations) once enough regtest blocks are mined on top.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class PopSuperfinalityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(100);

    [SiloFact]
    public async Task BuiltInMiner_PublishesKeystones_AndKeystoneFinalityReportsSuperfinality()
    {
        await using var devnet = await DevnetSession.StartAsync(output);
        using var http = new HttpClient { BaseAddress = devnet.Silo.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

        var clock = Stopwatch.StartNew();
        string lastAnswer = "no keystone yet";
        JsonObject? final = null;
        L2Keystone? keystone = null;
        while (clock.Elapsed < s_budget && final is null)
        {
            await Task.Delay(1000);
            var latest = await devnet.Rpc.CallAsync("kss_getLatestKeystones", 3);
            var keystones = KeystoneJson.List(latest);
            if (keystones.Count == 0)
            {
                continue;
            }

            // The oldest of the recent ones has had the most time to gather Bitcoin confirmations.
            keystone = keystones.OrderBy(k => k.L2BlockNumber).First();
            var hash = keystone.Abbreviate().GetHash().ToString();
            using var response = await http.GetAsync($"v2/keystonefinality/{hash}");
            var body = await response.Content.ReadAsStringAsync();
            lastAnswer = $"keystone {keystone.L2BlockNumber} ({hash}): HTTP {(int)response.StatusCode} {body}";
            if (response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(body) is JsonObject answer && answer["super_finality"]?.GetValue<bool>() == true)
            {
                final = answer;
            }
        }

        Assert.True(final is not null, $"no keystone reached superfinality within {s_budget.TotalSeconds:0} s (chain head {await devnet.Rpc.BlockNumberAsync()}); last answer: {lastAnswer}");
        devnet.Log($"superfinal after {clock.Elapsed.TotalSeconds:0.0} s: {final!.ToJsonString()}");

        // The answer is about our keystone, and is self-consistent (§3.2).
        Assert.True(final["effective_confirmations"]!.GetValue<ulong>() >= 10, final.ToJsonString());
        Assert.True(final["block_height"]!.GetValue<ulong>() > 0, final.ToJsonString());
        Assert.Equal(64, final["block_hash"]!.GetValue<string>().Length);
        var reported = KeystoneJson.Parse(final["l2_keystone"]!.AsObject());
        Assert.True(reported.ContentEquals(keystone), $"l2_keystone in the answer differs from the one asked about: {final["l2_keystone"]!.ToJsonString()}");

        // The keystone commits to the real L2 block: number multiple of 25, ep_hash = block hash, state root, parent.
        Assert.Equal(0u, keystone!.L2BlockNumber % L2Keystone.DefaultPeriod);
        var block = await devnet.Rpc.BlockByNumberAsync(keystone.L2BlockNumber) ?? throw new InvalidOperationException("keystone block missing");
        Assert.Equal(block["hash"]!.GetValue<string>(), Hex.Prefixed(keystone.EPHash), ignoreCase: true);
        Assert.Equal(block["stateRoot"]!.GetValue<string>(), Hex.Prefixed(keystone.StateRoot), ignoreCase: true);
        Assert.Equal(block["parentHash"]!.GetValue<string>(), Hex.Prefixed(keystone.ParentEPHash), ignoreCase: true);

        // op-geth's kss_getKeystone(hash, n) answers the same keystone first (then its descendants, in L2 order).
        var chainFrom = KeystoneJson.List(await devnet.Rpc.CallAsync("kss_getKeystone", keystone.Abbreviate().GetHash().ToString(), 10));
        Assert.NotEmpty(chainFrom);
        Assert.True(chainFrom[0].ContentEquals(keystone), "kss_getKeystone answered another keystone first");
        for (var i = 1; i < chainFrom.Count; i++)
        {
            Assert.Equal(chainFrom[i - 1].L2BlockNumber + L2Keystone.DefaultPeriod, chainFrom[i].L2BlockNumber);
            Assert.Equal(chainFrom[i - 1].EPHash, chainFrom[i].PrevKeystoneEPHash);
        }

        // Hostile and unknown hashes get the documented statuses.
        using (var bad = await http.GetAsync("v2/keystonefinality/not-a-hash"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var unknown = await http.GetAsync($"v2/keystonefinality/{new string('a', 64)}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }
}
