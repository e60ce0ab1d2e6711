using System.Net;
using System.Text.Json;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Bfg;

[Collection(SiloCollection.Name)]
public sealed class KeystoneFinalityTests(SiloFixture fixture)
{
    private RpcClient Rpc => fixture.Silo.Rpc;

    private async Task<JsonElement> FirstKeystoneAsync()
    {
        await fixture.Silo.WaitForBlockAsync(25, TimeSpan.FromSeconds(60));
        JsonElement keystones = default;
        await Eventually.UntilAsync(
            async () =>
            {
                keystones = (await Rpc.CallAsync("kss_getLatestKeystones", 50)).GetProperty("keystones");
                return keystones.GetArrayLength() > 0;
            },
            TimeSpan.FromSeconds(30),
            "no keystone was registered");
        return keystones[keystones.GetArrayLength() - 1];
    }

    private static string HashOf(JsonElement keystone) =>
        Hemi.Silo.Chain.KeystoneText.HashOf(JsonSerializer.Deserialize<KeystoneDto>(keystone.GetRawText())!.ToKeystone());

    [Fact]
    public async Task LatestKeystones_AreNewestFirstAndShapedAsHemiJson()
    {
        await FirstKeystoneAsync();
        var answer = await Rpc.CallAsync("kss_getLatestKeystones", "0x32");
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        var keystones = answer.GetProperty("keystones").EnumerateArray().ToArray();
        Assert.NotEmpty(keystones);
        var numbers = keystones.Select(k => k.GetProperty("l2_block_number").GetUInt32()).ToArray();
        Assert.Equal(numbers.OrderDescending(), numbers);
        Assert.All(numbers, n => Assert.Equal(0u, n % 25));
        var first = keystones[^1];
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(64, first.GetProperty("ep_hash").GetString()!.Length);
        var block = await Rpc.CallAsync("eth_getBlockByNumber", Hex.Q(first.GetProperty("l2_block_number").GetUInt32()), false);
        Assert.Equal(block.GetProperty("hash").GetString(), "0x" + first.GetProperty("ep_hash").GetString());
        Assert.Equal(block.GetProperty("stateRoot").GetString(), "0x" + first.GetProperty("state_root").GetString());
    }

    [Fact]
    public async Task GetKeystone_ReturnsItAndItsDescendants()
    {
        var first = await FirstKeystoneAsync();
        var hash = HashOf(first);
        var answer = await Rpc.CallAsync("kss_getKeystone", hash, 3);
        var keystones = answer.GetProperty("keystones");
        Assert.Equal(first.GetRawText(), keystones[0].GetRawText());
        Assert.InRange(keystones.GetArrayLength(), 1, 4);
        var unknown = await Rpc.ErrorAsync("kss_getKeystone", new string('0', 64), 1);
        Assert.Contains("not found", unknown.RpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockFinality_NamesTheCoveringKeystone()
    {
        var first = await FirstKeystoneAsync();
        var block = await Rpc.CallAsync("eth_getBlockByNumber", "0x7", false);
        var finality = await Rpc.CallAsync("hemi_getBlockFinality", block.GetProperty("hash").GetString());
        Assert.Equal("0x19", finality.GetProperty("keystoneBlockNumber").GetString());
        Assert.Equal(HashOf(first), finality.GetProperty("keystoneHash").GetString());
        Assert.Equal(first.GetRawText(), finality.GetProperty("l2_keystone").GetRawText());
        Assert.True(finality.GetProperty("superFinality").ValueKind is JsonValueKind.True or JsonValueKind.False);
        Assert.True(finality.GetProperty("btcFinality").GetInt32() >= -9);
    }

    [Fact]
    public async Task OldKeystones_AreRebuiltFromBlocksExactlyAsTheSequencerBuiltThem()
    {
        var first = await FirstKeystoneAsync();
        var chain = (Hemi.Silo.Chain.IL2Chain)fixture.Silo.App.Services.GetService(typeof(Hemi.Silo.Chain.IL2Chain))!;
        var rebuilt = await chain.FindKeystoneByBlockAsync(first.GetProperty("l2_block_number").GetUInt32());
        Assert.NotNull(rebuilt);
        Assert.Equal(HashOf(first), Hemi.Silo.Chain.KeystoneText.HashOf(rebuilt!));
        Assert.Null(await chain.FindKeystoneByBlockAsync(26));
        Assert.Null(await chain.FindKeystoneByBlockAsync(25 * 100_000));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public async Task KeystoneFinality_BadHashIs400WithBfgErrorBody(string hash)
    {
        using var response = await fixture.Silo.Http.GetAsync("/v2/keystonefinality/" + hash);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertBfgErrorAsync(response);
    }

    [Fact]
    public async Task KeystoneFinality_UnknownKeystoneIs404()
    {
        using var response = await fixture.Silo.Http.GetAsync("/v2/keystonefinality/" + new string('a', 64));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertBfgErrorAsync(response);
    }

    [Fact]
    public async Task KeystoneFinality_OfAPublishedKeystoneIs200WithInternalOrderBlockHash()
    {
        var first = await FirstKeystoneAsync();
        var hash = HashOf(first);
        JsonElement body = default;
        await Eventually.UntilAsync(
            async () =>
            {
                using var response = await fixture.Silo.Http.GetAsync("/v2/keystonefinality/" + hash);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                    return false;
                }

                body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                return true;
            },
            TimeSpan.FromSeconds(60),
            "the built-in PoP miner did not publish the first keystone");
        Assert.Equal(first.GetRawText(), body.GetProperty("l2_keystone").GetRawText());
        var height = body.GetProperty("block_height").GetInt32();
        var displayHash = Convert.FromHexString(body.GetProperty("block_hash").GetString()!);
        Array.Reverse(displayHash);
        var node = fixture.Silo.App.Services.GetService(typeof(Hemi.Bitcoin.Node.RegtestNode)) as Hemi.Bitcoin.Node.RegtestNode;
        var header = await node!.GetHeaderAsync(height);
        Assert.Equal(Convert.ToHexStringLower(displayHash), header!.Hash.ToString());
        var confirmations = body.GetProperty("effective_confirmations").GetUInt32();
        Assert.Equal(confirmations >= 10, body.GetProperty("super_finality").GetBoolean());
    }

    private static async Task AssertBfgErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.True(root.GetProperty("timestamp").GetInt64() > 0);
        Assert.Equal(16, root.GetProperty("trace").GetString()!.Length);
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("error").GetString()));
    }
}
