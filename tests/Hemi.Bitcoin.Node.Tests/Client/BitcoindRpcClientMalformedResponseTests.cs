using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Node.Client;

namespace Hemi.Bitcoin.Node.Tests.Client;

public sealed class BitcoindRpcClientMalformedResponseTests
{
    private static readonly Hash256 SomeHash = Hash256.Parse(new string('a', 64));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"error\":null}")]
    [InlineData("{\"result\":5,\"error\":null}")]
    [InlineData("{\"result\":{\"blocks\":\"ten\",\"bestblockhash\":\"00\"},\"error\":null}")]
    [InlineData("{\"result\":{\"blocks\":3,\"bestblockhash\":\"zz\"},\"error\":null}")]
    [InlineData("{\"result\":{\"blocks\":-3,\"bestblockhash\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"},\"error\":null}")]
    [InlineData("{\"result\":null,\"error\":{\"code\":\"x\",\"message\":1}}")]
    [InlineData("{\"result\":null,\"error\":null,\"id\":999999}")]
    [InlineData("{\"result\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],\"error\":null}")]
    public async Task GarbageTipResponses_AreResponseExceptions(string body)
    {
        using var handler = new StubHandler(_ => StubHandler.Json(body));
        using var client = Client(handler);

        await Assert.ThrowsAsync<BitcoindResponseException>(() => client.GetTipAsync());
    }

    [Fact]
    public async Task HeaderFieldsThatDoNotHashToTheRequest_AreRejected()
    {
        const string body = """
            {"result":{"hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","height":1,"confirmations":1,"version":4,
            "merkleroot":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","time":1,"nonce":2,"bits":"207fffff",
            "previousblockhash":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},"error":null}
            """;
        using var handler = new StubHandler(_ => StubHandler.Json(body));
        using var client = Client(handler);

        await Assert.ThrowsAsync<BitcoindResponseException>(() => client.GetHeaderAsync(SomeHash));
    }

    [Theory]
    [InlineData("{\"result\":\"00zz\",\"error\":null}")]
    [InlineData("{\"result\":\"0011\",\"error\":null}")]
    [InlineData("{\"result\":17,\"error\":null}")]
    public async Task GarbageBlocks_AreResponseExceptions(string body)
    {
        using var handler = new StubHandler(_ => StubHandler.Json(body));
        using var client = Client(handler);

        await Assert.ThrowsAsync<BitcoindResponseException>(() => client.GetRawBlockAsync(SomeHash));
    }

    [Theory]
    [InlineData("{\"result\":{\"hex\":\"0100\"},\"error\":null}")]
    [InlineData("{\"result\":{\"nohex\":1},\"error\":null}")]
    public async Task GarbageTransactions_AreResponseExceptions(string body)
    {
        using var handler = new StubHandler(_ => StubHandler.Json(body));
        using var client = Client(handler);

        await Assert.ThrowsAsync<BitcoindResponseException>(() => client.GetTransactionAsync(SomeHash));
    }

    [Theory]
    [InlineData("{\"result\":{\"unspents\":{}},\"error\":null}")]
    [InlineData("{\"result\":{\"unspents\":[{\"txid\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"vout\":0,\"scriptPubKey\":\"51\",\"amount\":0.123456789,\"height\":1}]},\"error\":null}")]
    [InlineData("{\"result\":{\"unspents\":[{\"txid\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"vout\":0,\"scriptPubKey\":\"52\",\"amount\":1,\"height\":1}]},\"error\":null}")]
    [InlineData("{\"result\":{\"unspents\":[{\"txid\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"vout\":-1,\"scriptPubKey\":\"51\",\"amount\":1,\"height\":1}]},\"error\":null}")]
    public async Task GarbageUtxoScans_AreResponseExceptions(string body)
    {
        using var handler = new StubHandler(_ => StubHandler.Json(body));
        using var client = Client(handler);

        await Assert.ThrowsAsync<BitcoindResponseException>(() => client.GetUtxosAsync(new byte[] { 0x51 }, excludeMempoolSpent: false));
    }

    [Theory]
    [InlineData("{\"result\":{\"errors\":[\"Insufficient data or no feerate found\"],\"blocks\":0},\"error\":null}", 1000)]
    [InlineData("{\"result\":{\"feerate\":0.00000500,\"blocks\":2},\"error\":null}", 1000)]
    [InlineData("{\"result\":{\"feerate\":0.00012345,\"blocks\":2},\"error\":null}", 12345)]
    public async Task FeeEstimates_FallBackToTheMinRelayFee(string body, long expectedPerKvb)
    {
        using var handler = new StubHandler(_ => StubHandler.Json(body));
        using var client = Client(handler);

        Assert.Equal(expectedPerKvb, (await client.EstimateFeeAsync(2)).SatoshisPerKilovbyte);
    }

    [Fact]
    public async Task BareServerErrors_AreNotRetriedForCallsMarkedUnsafe()
    {
        using var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var client = Client(handler);

        await Assert.ThrowsAsync<BitcoindUnavailableException>(() => client.CallAsync("generatetoaddress"));
        Assert.Equal(1, handler.Requests);
        await Assert.ThrowsAsync<BitcoindUnavailableException>(() => client.GetTipAsync());
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task OversizedBodies_AreRefusedWithoutBufferingThem()
    {
        using var declared = new StubHandler(_ => Endless(declareLength: true));
        using var chunked = new StubHandler(_ => Endless(declareLength: false));
        using var first = Client(declared);
        using var second = Client(chunked);

        await Assert.ThrowsAsync<BitcoindResponseException>(() => first.GetTipAsync());
        await Assert.ThrowsAsync<BitcoindResponseException>(() => second.GetTipAsync());
    }

    [Fact]
    public async Task BroadcastErrors_MapBitcoindReasonsToTypedRejections()
    {
        var tx = Hemi.Bitcoin.Transactions.Transaction.ParseHex(
            "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff0401010101ffffffff0100f2052a010000000151" + "00000000");
        var cases = new (int Code, string Message, RejectCode? Expected, string? Detail)[]
        {
            (-26, "txn-mempool-conflict", RejectCode.MempoolConflict, null),
            (-25, "bad-txns-inputs-missingorspent", RejectCode.MissingOrSpentInputs, null),
            (-26, "mandatory-script-verify-flag-failed (Signature must be zero for failed CHECK(MULTI)SIG operation)", RejectCode.ScriptVerifyFailed, "Signature must be zero for failed CHECK(MULTI)SIG operation"),
            (-26, "min relay fee not met, 100 < 141", RejectCode.MinRelayFeeNotMet, "100 < 141"),
            (-26, "bad-txns-inputs-duplicate", RejectCode.DuplicateInputs, null),
            (-26, "dust", RejectCode.Dust, null),
            (-26, "txn-already-in-mempool", null, null),
            (-27, "Transaction already in block chain", null, null),
        };

        foreach (var (code, message, expected, detail) in cases)
        {
            using var handler = new StubHandler(_ => StubHandler.Json(
                "{\"result\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}", HttpStatusCode.InternalServerError));
            using var client = Client(handler);
            var result = await client.BroadcastAsync(tx);
            Assert.Equal(tx.GetTxId(), result.TxId);
            Assert.Equal(expected, result.Rejection?.Code);
            Assert.Equal(detail, result.Rejection?.Detail);
        }

        using var unknown = new StubHandler(_ => StubHandler.Json(
            """{"result":null,"error":{"code":-26,"message":"some-future-reason"}}""", HttpStatusCode.InternalServerError));
        using var unknownClient = Client(unknown);
        Assert.Equal(-26, (await Assert.ThrowsAsync<BitcoindRpcException>(() => unknownClient.BroadcastAsync(tx))).Code);
    }

    [Fact]
    public void RandomBodies_OnlyEverGiveTypedExceptions()
    {
        var fragments = new[] { "{", "}", "[", "]", "\"result\"", "\"error\"", "\"id\"", ":", ",", "null", "1e999", "-1", "\"aa\"", "true", "\"blocks\"", "\"bestblockhash\"", "\"code\"", "\"message\"" };
        var bodies = Gen.OneOf(
            Gen.ArrayOf(Gen.Elements(fragments)).Select(parts => string.Concat(parts)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (char)b)).Select(chars => new string(chars)));
        var statuses = Gen.Elements(HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.NotFound, HttpStatusCode.BadGateway);

        Prop.ForAll(Arb.From(bodies), Arb.From(statuses), (body, status) =>
        {
            using var handler = new StubHandler(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.Latin1, "application/json") });
            using var client = Client(handler);
            foreach (var call in new Func<Task>[]
                     {
                         () => client.GetTipAsync(),
                         () => client.GetHeaderAsync(SomeHash),
                         () => client.GetTransactionAsync(SomeHash),
                         () => client.EstimateFeeAsync(6),
                     })
            {
                try
                {
                    call().GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is BitcoindResponseException or BitcoindRpcException or BitcoindUnavailableException)
                {
                }
            }
        }).QuickCheckThrowOnFailure();
    }

    private static BitcoindRpcClient Client(HttpMessageHandler handler)
    {
        var options = ClientHarness.Options(new Uri("http://127.0.0.1:1/"));
        options.RetryCount = 1;
        options.RetryDelay = TimeSpan.Zero;
        options.MaxRetryDelay = TimeSpan.Zero;
        return new BitcoindRpcClient(options, handler);
    }

    private static HttpResponseMessage Endless(bool declareLength)
    {
        var content = new StreamContent(new SpacesStream(17L * 1024 * 1024));
        if (declareLength)
        {
            content.Headers.ContentLength = 17L * 1024 * 1024;
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A non-seekable stream of spaces produced on demand, so the test itself allocates nothing large.</summary>
    private sealed class SpacesStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
