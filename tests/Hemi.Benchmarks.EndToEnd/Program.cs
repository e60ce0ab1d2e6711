// End-to-end benchmark: signed EIP-1559 transfers through eth_sendRawTransaction (HTTP, many accounts, concurrent
// clients) until every receipt is in, against bare signature verification (sender recovery) of the same transactions,
// both measured in this run on this machine.
//
//   dotnet run -c Release --project tests/Hemi.Benchmarks.EndToEnd -- [--txs 4000] [--accounts 200] [--clients 32]
//       [--rpc http://127.0.0.1:8545/rpc --keys 0xKEY1,0xKEY2]   (use a running silo instead of starting one)
//
// Without --rpc it starts hemi-silo (dotnet hemi-silo.dll from the build output) over a temp data folder.

using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Hemi.Crypto.Secp256k1;
using Hemi.EndToEnd.Tests.Devnet;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.EndToEnd.Tests.Rpc;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;

var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"end-to-end benchmark: {options.Transactions} transfers from {options.Accounts} accounts over {options.Clients} concurrent HTTP clients");

SiloProcess? silo = null;
string? dataFolder = null;
Uri rpcUri;
IReadOnlyList<DevAccount> devAccounts;
if (options.RpcUrl is { } url)
{
    rpcUri = new Uri(url);
    devAccounts = [.. options.Keys.Select(DevAccount.FromPrivateKey)];
}
else
{
    dataFolder = Path.Combine(Path.GetTempPath(), "hemi-bench-" + Guid.NewGuid().ToString("N")[..12]);
    // The devnet defaults (1 s blocks), minus the regtest node's fixed RPC port, which could collide with another silo.
    silo = await SiloProcess.StartAsync(dataFolder, environment: new Dictionary<string, string>
    {
        ["HEMI_BITCOIN__RPCPORT"] = "0",
        // As deployed: the harness puts test silos on workstation GC, the executable's own setting is server GC.
        ["DOTNET_gcServer"] = "1",
    });
    rpcUri = silo.RpcUri;
    await silo.WaitForOutputAsync(o => DevnetBanner.Accounts(o).Count > 0, TimeSpan.FromSeconds(30), "dev account keys");
    devAccounts = DevnetBanner.Accounts(silo.Output);
    Console.WriteLine($"started hemi-silo pid {silo.ProcessId} at {silo.BaseUri} over {dataFolder}");
}

try
{
    if (devAccounts.Count == 0)
    {
        throw new InvalidOperationException("No funded dev account keys (pass --keys with --rpc).");
    }

    using var rpc = new JsonRpcClient(rpcUri, TimeSpan.FromSeconds(60));
    var chainId = await rpc.ChainIdAsync();
    var gasPrice = Quantity.ToBigInteger(await rpc.CallAsync("eth_gasPrice"));
    var tip = Quantity.ToBigInteger(await rpc.CallAsync("eth_maxPriorityFeePerGas"));
    // Room for the base fee to climb while blocks are full.
    var maxFee = BigInteger.Max(gasPrice * 10, 2_000_000_000) + tip;

    // 1. Fresh sender accounts, funded from the dev accounts (not timed).
    var random = new Random(12345);
    var senders = Enumerable.Range(0, options.Accounts).Select(_ => NewKey(random)).ToArray();
    var perAccount = (options.Transactions + options.Accounts - 1) / options.Accounts;
    var funding = (maxFee * Transfers.TransferGas + 1) * perAccount * 2;
    var fundingHashes = new List<string>();
    var devNonces = new Dictionary<Address, ulong>();
    foreach (var dev in devAccounts)
    {
        devNonces[dev.Address] = await rpc.TransactionCountAsync(dev.Address.ToString(), "pending");
    }

    for (var i = 0; i < senders.Length; i++)
    {
        var dev = devAccounts[i % devAccounts.Count];
        var tx = Transfers.Sign(dev, chainId, devNonces[dev.Address]++, senders[i].Address, funding, maxFee, tip);
        fundingHashes.Add(await rpc.SendRawTransactionAsync(tx.Encode()));
    }

    await WaitForReceiptsAsync(rpc, fundingHashes, TimeSpan.FromMinutes(2));
    Console.WriteLine($"funded {senders.Length} accounts with {funding} wei each");

    // 2. Pre-sign every transfer (not timed): account a sends nonces 0..perAccount-1.
    var sign = Stopwatch.StartNew();
    var recipient = new Address(Enumerable.Repeat((byte)0x77, 20).ToArray());
    var signed = new List<(DevAccount From, DynamicFeeTransaction Tx, byte[] Raw)>[senders.Length];
    var total = 0;
    for (var a = 0; a < senders.Length; a++)
    {
        signed[a] = [];
        for (ulong n = 0; n < (ulong)perAccount && total < options.Transactions; n++, total++)
        {
            var tx = Transfers.Sign(senders[a], chainId, n, recipient, 1, maxFee, tip);
            signed[a].Add((senders[a], tx, tx.Encode()));
        }
    }

    Console.WriteLine($"signed {total} transfers in {sign.Elapsed.TotalSeconds:0.00} s");

    // 3. Baseline: bare signature verification (sender recovery from the decoded transactions), same transactions.
    var decoded = signed.SelectMany(s => s).Select(s => EthereumTransaction.Decode(s.Raw)).ToArray();
    var verifySingle = Stopwatch.StartNew();
    foreach (var tx in decoded)
    {
        _ = tx.RecoverSender(chainId, allowUnprotected: false);
    }

    verifySingle.Stop();
    var verifyParallel = Stopwatch.StartNew();
    Parallel.ForEach(decoded, tx => _ = tx.RecoverSender(chainId, allowUnprotected: false));
    verifyParallel.Stop();

    // 4. End to end: concurrent clients post eth_sendRawTransaction bodies; each account's transactions go through one
    //    client in nonce order. Timed until the last transaction of every account has a receipt.
    var bodies = signed.Select(list => list.Select((s, i) => Encoding.UTF8.GetBytes(
        $"{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_sendRawTransaction\",\"params\":[\"{Hex.Prefixed(s.Raw)}\"]}}")).ToArray()).ToArray();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { Timeout = TimeSpan.FromSeconds(60) };
    var rejected = 0;
    string? firstRejection = null;
    var headBefore = await rpc.BlockNumberAsync();
    var e2e = Stopwatch.StartNew();
    var clientTasks = Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
    {
        var mine = Enumerable.Range(0, bodies.Length).Where(a => a % options.Clients == c).ToArray();
        var longest = mine.Length == 0 ? 0 : mine.Max(a => bodies[a].Length);
        for (var n = 0; n < longest; n++)
        {
            foreach (var a in mine)
            {
                if (n >= bodies[a].Length)
                {
                    continue;
                }

                using var content = new ByteArrayContent(bodies[a][n]);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(rpcUri, content);
                var answer = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || answer.Contains("\"error\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref rejected);
                    Interlocked.CompareExchange(ref firstRejection, answer, null);
                }
            }
        }
    })).ToArray();
    await Task.WhenAll(clientTasks);
    var submitted = e2e.Elapsed;
    if (rejected > 0)
    {
        throw new InvalidOperationException($"{rejected} of {total} transactions were rejected; first: {firstRejection}");
    }

    var lastOfEach = signed.Where(s => s.Count > 0).Select(s => s[^1].Tx.GetHash().ToString()).ToList();
    await WaitForReceiptsAsync(rpc, lastOfEach, TimeSpan.FromMinutes(5));
    e2e.Stop();
    var headAfter = await rpc.BlockNumberAsync();

    // 5. Every transaction is in, with a successful receipt (not timed).
    var all = signed.SelectMany(s => s).Select(s => s.Tx.GetHash().ToString()).ToList();
    var failed = 0;
    foreach (var hash in all)
    {
        var receipt = await rpc.ReceiptAsync(hash);
        if (receipt is null || receipt["status"]?.GetValue<string>() != "0x1")
        {
            failed++;
        }
    }

    if (failed > 0)
    {
        throw new InvalidOperationException($"{failed} of {total} transactions have no successful receipt.");
    }

    double Rate(TimeSpan t) => total / t.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores; {total} transfers; {options.Accounts} accounts; {options.Clients} clients; blocks {headBefore}..{headAfter}");
    Console.WriteLine($"bare signature verification, 1 thread      : {Rate(verifySingle.Elapsed),10:N0} tx/s ({verifySingle.Elapsed.TotalMilliseconds:N0} ms)");
    Console.WriteLine($"bare signature verification, all cores     : {Rate(verifyParallel.Elapsed),10:N0} tx/s ({verifyParallel.Elapsed.TotalMilliseconds:N0} ms)");
    Console.WriteLine($"eth_sendRawTransaction accepted (submit)   : {Rate(submitted),10:N0} tx/s ({submitted.TotalMilliseconds:N0} ms)");
    Console.WriteLine($"end to end until all receipts are in       : {Rate(e2e.Elapsed),10:N0} tx/s ({e2e.Elapsed.TotalMilliseconds:N0} ms)");
    Console.WriteLine($"ratio end-to-end / verification (1 thread) : {verifySingle.Elapsed / e2e.Elapsed:0.000}");
    Console.WriteLine($"ratio end-to-end / verification (all cores): {verifyParallel.Elapsed / e2e.Elapsed:0.000}");
    return 0;
}
finally
{
    if (silo is not null)
    {
        await silo.StopAsync();
        await silo.DisposeAsync();
    }

    if (dataFolder is not null)
    {
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

static DevAccount NewKey(Random random)
{
    var bytes = new byte[32];
    do
    {
        random.NextBytes(bytes);
    }
    while (!PrivateKey.IsValid(bytes));

    return DevAccount.FromPrivateKey(Hex.Prefixed(bytes));
}

static async Task WaitForReceiptsAsync(JsonRpcClient rpc, IReadOnlyList<string> hashes, TimeSpan timeout)
{
    var pending = new HashSet<string>(hashes, StringComparer.OrdinalIgnoreCase);
    var clock = Stopwatch.StartNew();
    while (pending.Count > 0)
    {
        foreach (var hash in pending.ToArray())
        {
            if (await rpc.ReceiptAsync(hash) is JsonObject)
            {
                pending.Remove(hash);
            }
        }

        if (pending.Count == 0)
        {
            break;
        }

        if (clock.Elapsed > timeout)
        {
            throw new TimeoutException($"{pending.Count} of {hashes.Count} receipts still missing after {timeout.TotalSeconds:0} s.");
        }

        await Task.Delay(100);
    }
}

/// <summary>The benchmark's command line.</summary>
internal sealed record BenchmarkOptions(int Transactions, int Accounts, int Clients, string? RpcUrl, IReadOnlyList<string> Keys)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int transactions = 4000, accounts = 200, clients = 32;
        string? rpc = null;
        var keys = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--txs": transactions = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--accounts": accounts = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rpc": rpc = value; break;
                case "--keys": keys.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }

            i++;
        }

        if (transactions <= 0 || accounts <= 0 || clients <= 0)
        {
            throw new ArgumentException("--txs, --accounts and --clients must be positive");
        }

        return new BenchmarkOptions(transactions, Math.Min(accounts, transactions), clients, rpc, keys);
    }
}
