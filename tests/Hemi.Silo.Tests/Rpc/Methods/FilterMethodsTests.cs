using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Transactions;
using Hemi.Grains.L2;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Transactions;
using Hemi.Silo.Chain;
using Hemi.Silo.Rpc;
using Hemi.Silo.Rpc.Filters;
using Hemi.Silo.Rpc.Methods;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hemi.Silo.Tests.Rpc.Methods;

public sealed class FilterMethodsTests
{
    private static readonly Address TokenA = Address.Parse("0x00000000000000000000000000000000000000aa");
    private static readonly Address TokenB = Address.Parse("0x00000000000000000000000000000000000000bb");

    private readonly FakeL2Chain _chain = new();
    private readonly SteppedTime _time = new();
    private readonly JsonRpcLimits _limits = new() { MaxFilters = 3, FilterTimeout = TimeSpan.FromMinutes(5), MaxLogsBlockRange = 4 };
    private readonly JsonRpcDispatcher _dispatcher;

    public FilterMethodsTests()
    {
        var methods = new Dictionary<string, RpcMethod>();
        new EthRpcMethods(_chain, _limits, new FinalizedBlockTracker(_time), new RpcFilterRegistry(_limits, _time), "test/v1").Register(methods);
        _dispatcher = new JsonRpcDispatcher(methods, _limits, NullLogger<JsonRpcDispatcher>.Instance);
        SealUpTo(10, _ => []);
    }

    [Fact]
    public async Task BlockFilter_ReportsEveryBlockSealedAfterItsInstallation_Once()
    {
        var id = (string)(await ResultAsync("eth_newBlockFilter", "[]"))!;
        Assert.Empty((await ResultAsync("eth_getFilterChanges", $"[\"{id}\"]"))!.AsArray());

        SealUpTo(12, _ => []);

        var changes = (await ResultAsync("eth_getFilterChanges", $"[\"{id}\"]"))!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal([_chain.Blocks[11].Header.Hash.ToString(), _chain.Blocks[12].Header.Hash.ToString()], changes);
        Assert.Empty((await ResultAsync("eth_getFilterChanges", $"[\"{id}\"]"))!.AsArray());
    }

    [Fact]
    public async Task LogFilter_ReportsOnlyMatchingLogsOfNewBlocks_ABoundedRangePerPoll()
    {
        SealUpTo(11, n => [TokenA]);
        var id = (string)(await ResultAsync("eth_newFilter", $"[{{\"address\":\"{TokenA}\"}}]"))!;

        // Six new blocks, the filter reads at most four per poll (MaxLogsBlockRange), and TokenB never matches.
        SealUpTo(17, n => n % 2 == 0 ? [TokenA, TokenB] : [TokenB]);

        var first = (await ResultAsync("eth_getFilterChanges", $"[\"{id}\"]"))!.AsArray();
        var second = (await ResultAsync("eth_getFilterChanges", $"[\"{id}\"]"))!.AsArray();
        Assert.Equal(["0xc", "0xe"], first.Select(l => (string)l!["blockNumber"]!));
        Assert.Equal(["0x10"], second.Select(l => (string)l!["blockNumber"]!));
        Assert.All(first.Concat(second), l => Assert.Equal(TokenA.ToString(), (string)l!["address"]!, ignoreCase: true));
        Assert.Empty((await ResultAsync("eth_getFilterChanges", $"[\"{id}\"]"))!.AsArray());

        // eth_getFilterLogs answers the filter's own range, like eth_getLogs (latest by default: block 17 has no TokenA log).
        Assert.Empty((await ResultAsync("eth_getFilterLogs", $"[\"{id}\"]"))!.AsArray());
        var ranged = (string)(await ResultAsync("eth_newFilter", $"[{{\"address\":\"{TokenA}\",\"fromBlock\":\"0xc\",\"toBlock\":\"0xf\"}}]"))!;
        Assert.Equal(["0xc", "0xe"], (await ResultAsync("eth_getFilterLogs", $"[\"{ranged}\"]"))!.AsArray().Select(l => (string)l!["blockNumber"]!));
        Assert.Empty((await ResultAsync("eth_getFilterChanges", $"[\"{ranged}\"]"))!.AsArray());
    }

    [Fact]
    public async Task Uninstall_RemovesTheFilter_AndUnknownIdsAreErrors()
    {
        var id = (string)(await ResultAsync("eth_newBlockFilter", "[]"))!;
        Assert.True((bool)(await ResultAsync("eth_uninstallFilter", $"[\"{id}\"]"))!);
        Assert.False((bool)(await ResultAsync("eth_uninstallFilter", $"[\"{id}\"]"))!);
        Assert.Contains("filter not found", await ErrorAsync("eth_getFilterChanges", $"[\"{id}\"]"));
        Assert.Contains("filter not found", await ErrorAsync("eth_getFilterChanges", "[\"0x1234\"]"));
        Assert.Contains("log filter", await ErrorAsync("eth_getFilterLogs", $"[\"{(string)(await ResultAsync("eth_newBlockFilter", "[]"))!}\"]"));
        Assert.Contains("blockHash", await ErrorAsync("eth_newFilter", $"[{{\"blockHash\":\"{Hash32.Zero}\"}}]"));
    }

    [Fact]
    public async Task Filters_ExpireWhenNotPolled_AndTheirNumberIsBounded()
    {
        var polled = (string)(await ResultAsync("eth_newBlockFilter", "[]"))!;
        var idle = (string)(await ResultAsync("eth_newBlockFilter", "[]"))!;
        await ResultAsync("eth_newBlockFilter", "[]");
        Assert.Contains("too many filters", await ErrorAsync("eth_newBlockFilter", "[]"));

        _time.Advance(TimeSpan.FromMinutes(3));
        await ResultAsync("eth_getFilterChanges", $"[\"{polled}\"]");
        _time.Advance(TimeSpan.FromMinutes(3));

        // Six minutes unpolled: gone (and its slot free again); three since the last poll: alive.
        Assert.Contains("filter not found", await ErrorAsync("eth_getFilterChanges", $"[\"{idle}\"]"));
        Assert.NotNull(await ResultAsync("eth_getFilterChanges", $"[\"{polled}\"]"));
        Assert.NotNull(await ResultAsync("eth_newBlockFilter", "[]"));
    }

    private void SealUpTo(ulong number, Func<ulong, Address[]> logAddresses)
    {
        using var key = PrivateKey.FromBytes(Keccak256.Hash("filter tests"u8));
        for (var n = _chain.Head.Number + 1; n <= number; n++)
        {
            var logs = logAddresses(n).Select(a => new Log(a, [Hash32.Zero], [(byte)n])).ToArray();
            var tx = new DynamicFeeTransaction { ChainId = 7, Nonce = n, MaxFeePerGas = 10, MaxPriorityFeePerGas = 1, GasLimit = 50_000, To = TokenA, Value = 0 }.Sign(key);
            var receipt = Receipt.Create(TransactionType.DynamicFee, true, 50_000, logs);
            var header = new L2BlockHeader
            {
                ParentHash = _chain.Blocks.TryGetValue(n - 1, out var parent) ? parent.Header.Hash : Hash32.Zero,
                StateRoot = Hash32.Zero,
                TransactionsRoot = Hash32.Zero,
                ReceiptsRoot = Hash32.Zero,
                LogsBloom = receipt.Bloom,
                Number = n,
                GasLimit = 30_000_000,
                GasUsed = 50_000,
                Timestamp = 1_700_000_000 + n,
                BaseFeePerGas = 7,
            };
            var result = new TransactionResult(receipt, Address.FromPublicKey(key.PublicKey), 50_000, new BigInteger(8), null);
            _chain.Blocks[n] = new SealedL2Block(header, [new UserTransaction(tx)], new BlockExecutionResult([result], 50_000, receipt.Bloom, Hash32.Zero));
            _chain.Head = _chain.Head with { Number = n, Hash = header.Hash };
        }
    }

    private async Task<JsonNode?> ResultAsync(string method, string parameters)
    {
        var response = await CallAsync(method, parameters);
        Assert.Null(response["error"]);
        return response["result"];
    }

    private async Task<string> ErrorAsync(string method, string parameters)
    {
        var response = await CallAsync(method, parameters);
        return (string)response["error"]!["message"]!;
    }

    private async Task<JsonNode> CallAsync(string method, string parameters)
    {
        var body = $$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""";
        return (await _dispatcher.DispatchAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None))!;
    }

    /// <summary>Time that moves only when a test says so.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
