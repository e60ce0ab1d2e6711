using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Ingress;

namespace Hemi.Grains.Tests.L2;

/// <summary>Block size bounds: at most MaxBlockTransactions user transactions; an early seal once MinBlockTransactions were admitted.</summary>
public sealed class SequencerBlockSizeTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    private static async Task<int> UserTransactionsInAsync(L2Harness harness, ulong number) =>
        (await harness.Grains.GetGrain<IBlockGrain>((long)number).GetBlockAsync())!.Transactions.Count(t => !t.IsSystem);

    private static async Task<ChainHead> WaitForHeadAsync(L2Harness harness, ulong number)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var head = await harness.Sequencer.GetHeadAsync();
            if (head.Number >= number || DateTime.UtcNow > deadline)
            {
                return head;
            }

            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task SealBlock_TakesAtMostMaxBlockTransactions_InTipOrder()
    {
        await using var harness = await L2Harness.StartAsync(o => o.MaxBlockTransactions = 2);
        await harness.Sequencer.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await harness.SendAsync(harness.Transfer(i, Recipient, 1, 0, tip: 1_000_000_000 + i));
        }

        await harness.SendAsync(harness.Transfer(0, Recipient, 1, 1));
        await harness.Sequencer.SealBlockAsync();
        await harness.Sequencer.SealBlockAsync();
        await harness.Sequencer.SealBlockAsync();
        var sizes = new[] { await UserTransactionsInAsync(harness, 1), await UserTransactionsInAsync(harness, 2), await UserTransactionsInAsync(harness, 3) };
        Assert.Equal(new[] { 2, 2, 1 }, sizes);

        // The best tips went first.
        var first = (await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync())!;
        Assert.Equal([harness.AddressOf(3), harness.AddressOf(2)], first.Execution.Transactions.Skip(1).Select(r => r.Sender));
    }

    [Fact]
    public async Task Admissions_SealABlockEarly_OnlyOnceMinBlockTransactionsArrived()
    {
        await using var harness = await L2Harness.StartAsync(o => o.MinBlockTransactions = 3);
        await harness.Sequencer.StartAsync();
        await harness.SendAsync(harness.Transfer(0, Recipient, 1, 0));
        await harness.SendAsync(harness.Transfer(1, Recipient, 1, 0));
        await Task.Delay(200);
        Assert.Equal(0ul, (await harness.Sequencer.GetHeadAsync()).Number);

        await harness.SendAsync(harness.Transfer(2, Recipient, 1, 0));
        Assert.Equal(1ul, (await WaitForHeadAsync(harness, 1)).Number);
        Assert.Equal(3, await UserTransactionsInAsync(harness, 1));

        // One more admission is not a new batch: no tiny block follows.
        await harness.SendAsync(harness.Transfer(3, Recipient, 1, 0));
        await Task.Delay(200);
        Assert.Equal(1ul, (await harness.Sequencer.GetHeadAsync()).Number);
    }

    [Fact]
    public async Task EarlySeal_CountsOnlyRunnableTransactions_NotNoncesAheadOfAGap()
    {
        await using var harness = await L2Harness.StartAsync(o => o.MinBlockTransactions = 3);
        await harness.Sequencer.StartAsync();

        // Nonces 1 and 2 of one sender arrive before its nonce 0 (as racing ingress workers can deliver them): they cannot
        // run yet, so no block is sealed for them.
        await harness.Sequencer.AdmitBatchAsync([
            TransactionIngressGrain.Decode(harness.Transfer(0, Recipient, 1, 1), L2Harness.ChainId, 1024),
            TransactionIngressGrain.Decode(harness.Transfer(0, Recipient, 1, 2), L2Harness.ChainId, 1024),
            TransactionIngressGrain.Decode(harness.Transfer(1, Recipient, 1, 0), L2Harness.ChainId, 1024),
        ]);
        await Task.Delay(200);
        Assert.Equal(0ul, (await harness.Sequencer.GetHeadAsync()).Number);

        // Nonce 0 fills the gap: four runnable transactions, one block with all of them.
        await harness.SendAsync(harness.Transfer(0, Recipient, 1, 0));
        Assert.Equal(1ul, (await WaitForHeadAsync(harness, 1)).Number);
        Assert.Equal(4, await UserTransactionsInAsync(harness, 1));
    }

    [Fact]
    public async Task EarlySeals_OfFullBlocks_DrainTheQueue_WithoutEmptyBlocks()
    {
        await using var harness = await L2Harness.StartAsync(o => (o.MinBlockTransactions, o.MaxBlockTransactions) = (2, 2), keyCount: 5);
        await harness.Sequencer.StartAsync();
        // Five senders, one transaction each: concurrent sends reach the sequencer in any order, and a second
        // transaction of one sender could arrive before its first (nonce gap admitted, not executable), letting an early
        // seal build a one-transaction block. That order is the race, not the draining this test is about.
        var sends = Enumerable.Range(0, 5).Select(i => harness.SendAsync(harness.Transfer(i, Recipient, 1, 0))).ToList();
        await Task.WhenAll(sends);

        var head = await WaitForHeadAsync(harness, 2);
        await Task.Delay(200);
        head = await harness.Sequencer.GetHeadAsync();
        var sizes = new List<int>();
        for (ulong n = 1; n <= head.Number; n++)
        {
            sizes.Add(await UserTransactionsInAsync(harness, n));
        }

        Assert.All(sizes, size => Assert.Equal(2, size));
        Assert.True(sizes.Count is 2, $"blocks of sizes {string.Join(",", sizes)}");
    }

    [Fact]
    public async Task EarlySeal_WaitsForStart()
    {
        await using var harness = await L2Harness.StartAsync(o => o.MinBlockTransactions = 1);
        await harness.SendAsync(harness.Transfer(0, Recipient, 1, 0));
        await Task.Delay(200);
        Assert.Equal(0ul, (await harness.Sequencer.GetHeadAsync()).Number);
    }
}
