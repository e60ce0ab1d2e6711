using System.Net;
using System.Net.Sockets;
using Hemi.Bitcoin.Node.Client;
using Hemi.Bitcoin.Node.Rpc;
using Hemi.Bitcoin.Node.Tests.TestSupport;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node.Tests.Client;

public sealed class BitcoindRpcClientTransportTests
{
    [Fact]
    public async Task WrongPassword_GivesAClearAuthenticationError()
    {
        using var auth = new BasicAuthHandler("alice:secret");
        await using var h = await ClientHarness.StartAsync(auth, o => { o.User = "alice"; o.Password = "wrong"; });

        var error = await Assert.ThrowsAsync<BitcoindAuthenticationException>(() => h.Client.GetTipAsync());
        Assert.Contains("credentials", error.Message);

        var options = ClientHarness.Options(h.Server.Endpoint);
        options.User = "alice";
        options.Password = "secret";
        using var good = new BitcoindRpcClient(options, auth);
        Assert.Equal(await h.Node.GetTipAsync(), await good.GetTipAsync());
    }

    [Fact]
    public async Task Cookie_IsReReadOnceWhenBitcoindRestartsWithANewOne()
    {
        var cookie = Path.Combine(Path.GetTempPath(), $"hemi-btcclient-{Guid.NewGuid():N}.cookie");
        await File.WriteAllTextAsync(cookie, "__cookie__:first\n");
        try
        {
            using var auth = new BasicAuthHandler("__cookie__:first");
            await using var h = await ClientHarness.StartAsync(auth, o => o.CookieFilePath = cookie);
            Assert.Equal(await h.Node.GetTipAsync(), await h.Client.GetTipAsync());

            await File.WriteAllTextAsync(cookie, "__cookie__:second");
            auth.Expected = "__cookie__:second";
            Assert.Equal(await h.Node.GetTipAsync(), await h.Client.GetTipAsync());

            auth.Expected = "__cookie__:third"; // the file still holds "second": one re-read, then a clear error
            await Assert.ThrowsAsync<BitcoindAuthenticationException>(() => h.Client.GetTipAsync());
        }
        finally
        {
            File.Delete(cookie);
        }
    }

    [Fact]
    public async Task ReadsSurviveAShareOfFailingRequests()
    {
        using var key = new TestKey(97);
        using var flaky = new FlakyHandler(failOutOf: 3);
        await using var h = await ClientHarness.StartAsync(flaky, o => o.RetryCount = 3);
        await h.Node.GenerateToAddressAsync(4, key.P2wpkh);

        Assert.Equal(await h.Node.GetTipAsync(), await h.Client.GetTipAsync());
        Assert.Equal(await h.Node.GetHeaderAsync(2), await h.Client.GetHeaderAsync(2));
        var tip = await h.Node.GetTipAsync();
        Assert.Equal(await h.Node.GetRawBlockAsync(tip.Hash), await h.Client.GetRawBlockAsync(tip.Hash));
        Assert.True(flaky.Failures >= 8);
    }

    [Fact]
    public async Task Broadcast_WhoseAnswerIsLost_SucceedsOnTheRetry()
    {
        using var key = new TestKey(101);
        using var losing = new AnswerLosingHandler(lose: 1);
        await using var h = await ClientHarness.StartAsync(losing, o => o.RetryCount = 2);
        var coin = await NodeFixture.FundAsync(h.Node, key.P2wpkh);
        var tx = NodeFixture.Spend(coin, key, key.P2pkh, Money.Coin, key.P2wpkh);

        var result = await h.Client.BroadcastAsync(tx);

        Assert.True(result.Accepted); // the first attempt reached the mempool; the retry is told "already in mempool"
        Assert.Equal(1, losing.Lost);
        Assert.Contains(tx.GetTxId(), await h.Node.GetMempoolAsync());
    }

    [Fact]
    public async Task MissingCookieFile_IsUnavailable()
    {
        var options = ClientHarness.Options(new Uri("http://127.0.0.1:1/"));
        options.CookieFilePath = Path.Combine(Path.GetTempPath(), $"hemi-btcclient-missing-{Guid.NewGuid():N}.cookie");
        using var handler = new StubHandler(_ => StubHandler.Json("{}"));
        using var client = new BitcoindRpcClient(options, handler);

        await Assert.ThrowsAsync<BitcoindUnavailableException>(() => client.GetTipAsync());
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task PersistentFailures_BecomeUnavailableAfterTheRetries()
    {
        using var flaky = new FlakyHandler(failOutOf: 3);
        await using var h = await ClientHarness.StartAsync(flaky, o => o.RetryCount = 1);

        var error = await Assert.ThrowsAsync<BitcoindUnavailableException>(() => h.Client.GetTipAsync());
        Assert.Contains("503", error.Message);
        Assert.Equal(2, flaky.Failures);
    }

    [Fact]
    public async Task ClosedPort_IsUnavailable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = ClientHarness.Options(new Uri($"http://127.0.0.1:{port}/"));
        options.RetryCount = 2;
        using var client = new BitcoindRpcClient(options);

        var error = await Assert.ThrowsAsync<BitcoindUnavailableException>(() => client.GetTipAsync());
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task SilentServer_TimesOutPerAttempt()
    {
        var calls = 0;
        using var handler = new HangingHandler(() => Interlocked.Increment(ref calls));
        var options = ClientHarness.Options(new Uri("http://127.0.0.1:1/"));
        options.Timeout = TimeSpan.FromMilliseconds(100);
        options.RetryCount = 1;
        using var client = new BitcoindRpcClient(options, handler);

        var error = await Assert.ThrowsAsync<BitcoindUnavailableException>(() => client.GetTipAsync());
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetriedOrWrapped()
    {
        using var handler = new HangingHandler(() => { });
        using var client = new BitcoindRpcClient(ClientHarness.Options(new Uri("http://127.0.0.1:1/")), handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetTipAsync(cts.Token));
    }

    [Fact]
    public async Task RpcErrors_CarryCodeMessageAndMethod()
    {
        await using var h = await ClientHarness.StartAsync();

        var error = await Assert.ThrowsAsync<BitcoindRpcException>(() => h.Client.CallAsync("nosuchmethod"));
        Assert.Equal(RpcErrorCodes.MethodNotFound, error.Code);
        Assert.Equal("nosuchmethod", error.Method);
        Assert.Equal("Method not found", error.RpcMessage);
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("http://127.0.0.1:8332/", "alice", null, null)]
    [InlineData("http://127.0.0.1:8332/", "alice", "pw", "/tmp/.cookie")]
    [InlineData("ftp://127.0.0.1:8332/", null, null, null)]
    [InlineData("http://127.0.0.1:8332/", "al:ice", "pw", null)]
    public void InvalidOptions_AreRejected(string? endpoint, string? user, string? password, string? cookie)
    {
        var options = new BitcoindRpcOptions
        {
            Endpoint = endpoint is null ? null : new Uri(endpoint),
            User = user,
            Password = password,
            CookieFilePath = cookie,
        };

        Assert.ThrowsAny<ArgumentException>(() => new BitcoindRpcClient(options));
    }

    [Fact]
    public void OutOfRangeLimits_AreRejected()
    {
        var endpoint = new Uri("http://127.0.0.1:8332/");
        Assert.ThrowsAny<ArgumentException>(() => new BitcoindRpcClient(new BitcoindRpcOptions { Endpoint = endpoint, Timeout = TimeSpan.Zero }));
        Assert.ThrowsAny<ArgumentException>(() => new BitcoindRpcClient(new BitcoindRpcOptions { Endpoint = endpoint, RetryCount = -1 }));
        Assert.ThrowsAny<ArgumentException>(() => new BitcoindRpcClient(new BitcoindRpcOptions { Endpoint = endpoint, MaxResponseBytes = 17 * 1024 * 1024 }));
        Assert.ThrowsAny<ArgumentException>(() => new BitcoindRpcClient(new BitcoindRpcOptions { Endpoint = endpoint, PollInterval = TimeSpan.Zero }));
        using var valid = new BitcoindRpcClient(new BitcoindRpcOptions { Endpoint = endpoint, User = "u", Password = "p" });
    }

    private sealed class HangingHandler(Action onRequest) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onRequest();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
