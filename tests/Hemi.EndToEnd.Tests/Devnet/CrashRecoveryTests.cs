using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using System.Text.Json.Nodes;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.EndToEnd.Tests.Rpc;
using Hemi.Ethereum;
using Xunit.Abstractions;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>
/// SIGKILL of the silo process while signed transactions stream in through <c>eth_sendRawTransaction</c>, then a restart
/// over the same data folder. What a client saw before the kill must still hold afterwards.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private sealed record Sent(string Hash, Address Sender, ulong Nonce);

    private sealed record Receipted(string Hash, ulong BlockNumber, string BlockHash);

    [SiloFact]
    public async Task SigkillWhileTransactionsStream_ChainResumesAndKeepsEveryReceiptedTransaction()
    {
        await using var devnet = await DevnetSession.StartAsync(output);
        var senders = devnet.Accounts.Take(4).ToArray();
        Assert.True(senders.Length >= 2, $"the devnet printed {devnet.Accounts.Count} dev account(s); the crash test streams from several");
        var (maxFee, tip) = await devnet.FeesAsync();
        var recipients = Enumerable.Range(0, 8).Select(_ => DevnetSession.FreshAddress()).ToArray();

        var sent = new ConcurrentDictionary<string, Sent>(StringComparer.OrdinalIgnoreCase);
        var receipted = new ConcurrentDictionary<string, Receipted>(StringComparer.OrdinalIgnoreCase);
        var blocksSeen = new ConcurrentDictionary<ulong, string>();
        using var killing = new CancellationTokenSource();

        var streams = senders.Select((account, i) => Task.Run(() => StreamAsync(devnet, account, recipients[i], maxFee, tip, sent, killing.Token))).ToList();
        var receiptPoller = Task.Run(() => PollReceiptsAsync(devnet, sent, receipted, killing.Token));
        var blockWatcher = Task.Run(() => WatchBlocksAsync(devnet, blocksSeen, killing.Token));

        // Kill at a random moment once some transactions have receipts, so there is something to lose.
        var firstReceipts = Stopwatch.StartNew();
        while (receipted.Count < 3 || blocksSeen.Count < 4)
        {
            Assert.True(firstReceipts.Elapsed < TimeSpan.FromSeconds(45), $"too few receipts ({receipted.Count}) or blocks ({blocksSeen.Count}) within 45 s ({sent.Count} sent).\n{devnet.Silo.OutputTail()}");
            await Task.Delay(100);
        }

        var killAfter = TimeSpan.FromMilliseconds(Random.Shared.Next(500, 4000));
        devnet.Log($"{receipted.Count} receipts and {blocksSeen.Count} blocks so far; SIGKILL in {killAfter.TotalMilliseconds:0} ms");
        await Task.Delay(killAfter);

        // Flag first: the clients' next failures (connection reset) are the kill, not a bug. In-flight calls are not
        // cancelled, so whatever answer arrives before the process dies still counts as seen by a client.
        await killing.CancelAsync();
        await devnet.Silo.KillAsync();

        // From here the client only keeps what it had seen; the streams end on their failing calls.
        await Task.WhenAll(streams.Append(receiptPoller).Append(blockWatcher));
        var lastSeenBlock = blocksSeen.Keys.DefaultIfEmpty(0UL).Max();
        devnet.Log($"killed: {sent.Count} sent, {receipted.Count} with receipts, blocks seen up to {lastSeenBlock}");
        Assert.NotEmpty(receipted);

        await devnet.KillAndRestartAsync();

        // 1. The chain resumes from the last sealed block: nothing we saw is gone, and new blocks come.
        var headAfterRestart = await devnet.Rpc.BlockNumberAsync();
        Assert.True(headAfterRestart >= lastSeenBlock, $"head after restart {headAfterRestart} < last block seen before the kill {lastSeenBlock}");
        var head = await devnet.WaitForBlockAsync(headAfterRestart + 2, TimeSpan.FromSeconds(30));

        // 2. No block number has two different hashes.
        foreach (var (number, hash) in blocksSeen)
        {
            var block = await devnet.Rpc.BlockByNumberAsync(number);
            Assert.True(block is not null, $"block {number} (seen before the kill) is missing after restart");
            Assert.Equal(hash, block!["hash"]!.GetValue<string>(), ignoreCase: true);
        }

        // 3. Every transaction whose receipt a client got is still there, in the same block.
        foreach (var r in receipted.Values)
        {
            var receipt = await devnet.Rpc.ReceiptAsync(r.Hash);
            Assert.True(receipt is not null, $"transaction {r.Hash} had a receipt in block {r.BlockNumber} before the kill and has none after");
            Assert.Equal(r.BlockNumber, Quantity.ToUInt64(receipt!["blockNumber"]));
            Assert.Equal(r.BlockHash, receipt["blockHash"]!.GetValue<string>(), ignoreCase: true);
            Assert.Equal("0x1", receipt["status"]!.GetValue<string>());
        }

        // 4. The whole chain links up, no transaction appears twice, and each sender's nonces run 0, 1, 2, … without gaps.
        var nonces = senders.ToDictionary(s => s.Address, _ => new List<ulong>());
        var allHashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? parent = null;
        for (ulong n = 0; n <= head; n++)
        {
            var block = await devnet.Rpc.BlockByNumberAsync(n, full: true) ?? throw new InvalidOperationException($"block {n} <= head {head} is missing");
            if (parent is not null)
            {
                Assert.True(string.Equals(parent, block["parentHash"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase), $"block {n}'s parentHash does not match block {n - 1}'s hash");
            }

            parent = block["hash"]!.GetValue<string>();
            foreach (var tx in block["transactions"]!.AsArray().OfType<JsonObject>())
            {
                Assert.True(allHashes.Add(tx["hash"]!.GetValue<string>()), $"transaction {tx["hash"]} appears twice in the chain");
                if (tx["from"]?.GetValue<string>() is { } from && Address.TryParse(from, out var fromAddress) && nonces.TryGetValue(fromAddress, out var list))
                {
                    list.Add(Quantity.ToUInt64(tx["nonce"]));
                }
            }
        }

        var admittedNotSealed = 0L;
        foreach (var sender in senders)
        {
            var inChain = nonces[sender.Address];
            var chainNonces = inChain.ToHashSet();
            admittedNotSealed += sent.Values.Count(v => v.Sender == sender.Address && !chainNonces.Contains(v.Nonce));
            Assert.Equal(Enumerable.Range(0, inChain.Count).Select(i => (ulong)i), inChain);
            var latest = await devnet.Rpc.TransactionCountAsync(sender.Address.ToString(), "latest");
            Assert.True(latest >= (ulong)inChain.Count, $"{sender.Address}: eth_getTransactionCount {latest} < {inChain.Count} transactions in blocks 0..{head}");
            var highestReceipted = receipted.Values.Select(r => sent[r.Hash]).Where(s => s.Sender == sender.Address).Select(s => (long)s.Nonce).DefaultIfEmpty(-1).Max();
            Assert.True((long)latest > highestReceipted, $"{sender.Address}: nonce went back to {latest} below a receipted nonce {highestReceipted}");
        }

        // Allowed (only receipted transactions are promised), but worth seeing: admitted transactions the crash dropped.
        devnet.Log($"{admittedNotSealed} of {sent.Count} admitted transactions were not in blocks 0..{head} after the restart");

        // 5. Nonces continue: each sender's next transaction (at the pending nonce) is accepted and mined.
        (maxFee, tip) = await devnet.FeesAsync();
        var follow = new List<string>();
        foreach (var sender in senders)
        {
            var nonce = await devnet.Rpc.TransactionCountAsync(sender.Address.ToString(), "pending");
            var tx = Transfers.Sign(sender, devnet.ChainId, nonce, DevnetSession.FreshAddress(), 1, maxFee, tip);
            follow.Add(await devnet.Rpc.SendRawTransactionAsync(tx.Encode()));
        }

        foreach (var hash in follow)
        {
            var receipt = await devnet.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(30));
            Assert.True(receipt is not null, $"post-restart transaction {hash} got no receipt within 30 s");
            Assert.Equal("0x1", receipt!["status"]!.GetValue<string>());
        }

        devnet.Log($"verified {blocksSeen.Count} blocks and {receipted.Count} receipted transactions across the SIGKILL; chain at {head}");

        // 6. A graceful stop (SIGTERM) exits cleanly and in time, and the next start resumes the same chain.
        var beforeStop = await devnet.Rpc.BlockNumberAsync();
        var beforeStopHash = (await devnet.Rpc.BlockByNumberAsync(beforeStop))!["hash"]!.GetValue<string>();
        var (graceful, exitCode) = await devnet.StopAndRestartAsync(TimeSpan.FromSeconds(30));
        Assert.True(graceful, "hemi-silo did not exit within 30 s of SIGTERM");
        Assert.Equal(0, exitCode);
        Assert.True(await devnet.Rpc.BlockNumberAsync() >= beforeStop, "the chain went back after a graceful restart");
        Assert.Equal(beforeStopHash, (await devnet.Rpc.BlockByNumberAsync(beforeStop))!["hash"]!.GetValue<string>(), ignoreCase: true);
        foreach (var hash in follow)
        {
            Assert.NotNull(await devnet.Rpc.ReceiptAsync(hash));
        }
    }

    private static async Task StreamAsync(DevnetSession devnet, DevAccount from, Address to, BigInteger maxFee, BigInteger tip, ConcurrentDictionary<string, Sent> sent, CancellationToken stop)
    {
        ulong nonce;
        try
        {
            nonce = await devnet.Rpc.TransactionCountAsync(from.Address.ToString(), "pending");
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            var tx = Transfers.Sign(from, devnet.ChainId, nonce, to, 1_000 + nonce, maxFee, tip);
            try
            {
                var hash = await devnet.Rpc.SendRawTransactionAsync(tx.Encode());
                sent[hash] = new Sent(hash, from.Address, nonce);
                nonce++;
            }
            catch (Exception) when (!stop.IsCancellationRequested && !devnet.Silo.HasExited)
            {
                // A refusal under load (a full pool, or a timed-out send that was in fact admitted): back off and
                // resume from the pending nonce the node reports.
                await Task.Delay(100, CancellationToken.None);
                try
                {
                    nonce = await devnet.Rpc.TransactionCountAsync(from.Address.ToString(), "pending");
                }
                catch (Exception)
                {
                    return;
                }
            }
            catch (Exception)
            {
                return; // killed, or told to stop
            }
        }
    }

    private static async Task PollReceiptsAsync(DevnetSession devnet, ConcurrentDictionary<string, Sent> sent, ConcurrentDictionary<string, Receipted> receipted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var hash in sent.Keys.Where(h => !receipted.ContainsKey(h)).ToArray())
            {
                try
                {
                    if (await devnet.Rpc.ReceiptAsync(hash) is { } receipt)
                    {
                        receipted[hash] = new Receipted(hash, Quantity.ToUInt64(receipt["blockNumber"]), receipt["blockHash"]!.GetValue<string>());
                    }
                }
                catch (Exception) when (devnet.Silo.HasExited || stop.IsCancellationRequested)
                {
                    return;
                }
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task WatchBlocksAsync(DevnetSession devnet, ConcurrentDictionary<ulong, string> seen, CancellationToken stop)
    {
        ulong next = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var head = await devnet.Rpc.BlockNumberAsync();
                for (; next <= head; next++)
                {
                    var block = await devnet.Rpc.BlockByNumberAsync(next);
                    if (block is null)
                    {
                        break;
                    }

                    seen[next] = block["hash"]!.GetValue<string>();
                }
            }
            catch (Exception) when (devnet.Silo.HasExited || stop.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }
}
