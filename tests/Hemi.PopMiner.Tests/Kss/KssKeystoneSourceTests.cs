using System.Text.Json.Nodes;
using Hemi.PopMiner.Kss;
using Hemi.PopMiner.Tests.TestSupport;

namespace Hemi.PopMiner.Tests.Kss;

public sealed class KssKeystoneSourceTests
{
    [Fact]
    public async Task GetLatestKeystonesAsync_ReadsTheNewestFirstOverHttp()
    {
        await using var kss = await FakeKssServer.StartAsync();
        foreach (var number in new uint[] { 25, 75, 50 })
        {
            kss.Add(TestKeystones.Keystone(number));
        }

        using var source = new KssKeystoneSource(new KssKeystoneSourceOptions { Endpoint = kss.Endpoint });

        var latest = await source.GetLatestKeystonesAsync(2);

        Assert.Equal([75u, 50u], latest.Select(k => k.L2BlockNumber));
        Assert.True(latest[0].ContentEquals(TestKeystones.Keystone(75)));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"the method kss_getLatestKeystones does not exist"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"keystones":null,"error":{"message":"not ready"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"keystones":{}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":42}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"keystones":[7]}}""")]
    public void ParseAnswer_RejectsErrorsAndWrongShapes(string json)
    {
        Assert.Throws<KssResponseException>(() => KssKeystoneSource.ParseAnswer(JsonNode.Parse(json), 12));
    }

    [Fact]
    public void ParseAnswer_KeepsAtMostCount_AndAcceptsABareArrayOrNoKeystones()
    {
        var three = new JsonArray([.. new uint[] { 75, 50, 25 }.Select(n => KeystoneJsonReader.Write(TestKeystones.Keystone(n)))]);
        var answer = new JsonObject { ["result"] = new JsonObject { ["keystones"] = three, ["error"] = null } };

        Assert.Equal([75u, 50u], KssKeystoneSource.ParseAnswer(answer, 2).Select(k => k.L2BlockNumber));
        Assert.Equal(3, KssKeystoneSource.ParseAnswer(new JsonObject { ["result"] = three.DeepClone() }, 50).Count);
        Assert.Empty(KssKeystoneSource.ParseAnswer(JsonNode.Parse("""{"result":{"keystones":[]}}"""), 12));
    }

    [Fact]
    public async Task GetLatestKeystonesAsync_RefusesAnOversizedOrMalformedAnswer()
    {
        await using var kss = await FakeKssServer.StartAsync();
        using var source = new KssKeystoneSource(new KssKeystoneSourceOptions { Endpoint = kss.Endpoint, MaxResponseBytes = 4096 });

        kss.RawAnswer = "{\"result\":\"" + new string('a', 10_000) + "\"}";
        await Assert.ThrowsAsync<KssResponseException>(() => source.GetLatestKeystonesAsync(12));
        kss.RawAnswer = "{not json";
        await Assert.ThrowsAsync<KssResponseException>(() => source.GetLatestKeystonesAsync(12));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => source.GetLatestKeystonesAsync(51));
    }

    [Fact]
    public async Task GetLatestKeystonesAsync_WithNothingListening_FailsWithATransportError()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var source = new KssKeystoneSource(new KssKeystoneSourceOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/rpc") });

        await Assert.ThrowsAsync<HttpRequestException>(() => source.GetLatestKeystonesAsync(12));
    }
}
