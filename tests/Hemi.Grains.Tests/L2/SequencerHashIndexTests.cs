using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Ingress;
using Hemi.Grains.L2.Storage;

namespace Hemi.Grains.Tests.L2;

/// <summary>Lookups by block and transaction hash come from memory, rebuilt at activation from hash index segments or block records.</summary>
public sealed class SequencerHashIndexTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    private sealed record SealedChain(List<(Hash32 Hash, ulong Block)> Transactions, List<(Hash32 Hash, ulong Number)> Blocks);

    /// <summary>Seals <paramref name="blocks"/> blocks of two transfers each, after <paramref name="alreadySealed"/> such blocks.</summary>
    private static async Task<SealedChain> SealAsync(L2Harness harness, int blocks, int alreadySealed = 0)
    {
        var chain = new SealedChain([], []);
        for (var b = alreadySealed; b < alreadySealed + blocks; b++)
        {
            var first = await harness.SendAsync(harness.Transfer(b % 4, Recipient, 1 + b, (ulong)(b / 4) * 2));
            var second = await harness.SendAsync(harness.Transfer(b % 4, Recipient, 1000 + b, ((ulong)(b / 4) * 2) + 1, tip: 500_000_000));
            var head = await harness.Sequencer.SealBlockAsync();
            chain.Transactions.Add((first, head.Number));
            chain.Transactions.Add((second, head.Number));
            chain.Blocks.Add((head.Hash, head.Number));
        }

        return chain;
    }

    private static async Task AssertFindableAsync(L2Harness harness, SealedChain chain)
    {
        foreach (var (hash, number) in chain.Blocks)
        {
            Assert.Equal(number, await harness.Sequencer.GetBlockNumberAsync(hash));
        }

        foreach (var (hash, number) in chain.Transactions)
        {
            var location = await harness.Sequencer.GetTransactionLocationAsync(hash);
            Assert.NotNull(location);
            Assert.Equal(number, location.BlockNumber);
            var block = (await harness.Grains.GetGrain<IBlockGrain>((long)number).GetBlockAsync())!;
            Assert.Equal(hash, block.Transactions[location.Index].Hash);
        }

        var genesis = (await harness.Grains.GetGrain<IBlockGrain>(0).GetBlockAsync())!;
        Assert.Equal(0ul, await harness.Sequencer.GetBlockNumberAsync(genesis.Header.Hash));
        Assert.Null(await harness.Sequencer.GetBlockNumberAsync(new Hash32(Keccak256.Hash("no such block"u8))));
        Assert.Null(await harness.Sequencer.GetTransactionLocationAsync(new Hash32(Keccak256.Hash("no such tx"u8))));
    }

    private static async Task<List<string>> SegmentKeysAsync(L2Harness harness)
    {
        var keys = new List<string>();
        await foreach (var key in harness.Store.ListAsync(L2ObjectKeys.HashIndexPrefix(L2Harness.ChainId)))
        {
            keys.Add(key);
        }

        return keys;
    }

    [Fact]
    public async Task Seal_WritesOneSegmentPerSnapshot_AndNoObjectPerTransaction()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3);
        await harness.Sequencer.StartAsync();
        await SealAsync(harness, 7);

        Assert.Equal([L2ObjectKeys.HashIndexSegment(L2Harness.ChainId, 1, 3), L2ObjectKeys.HashIndexSegment(L2Harness.ChainId, 4, 6)], await SegmentKeysAsync(harness));
        var all = new List<string>();
        await foreach (var key in harness.Store.ListAsync(L2ObjectKeys.ChainPrefix(L2Harness.ChainId)))
        {
            all.Add(key);
        }

        // Blocks 0..7, snapshots 3 and 6, two segments: nothing else.
        Assert.Equal(8 + 2 + 2, all.Count);
    }

    [Fact]
    public async Task LookupsByHash_SurviveARestart_OverFileStorage()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3, files: true);
        await harness.Sequencer.StartAsync();
        var chain = await SealAsync(harness, 8);
        await AssertFindableAsync(harness, chain);

        await harness.RestartAsync();
        await AssertFindableAsync(harness, chain);

        // A sealed transaction stays known to the sequencer: admitting the same bytes again is refused as known.
        var again = TransactionIngressGrain.Decode(harness.Transfer(0, Recipient, 1, 0), L2Harness.ChainId, 128 * 1024);
        Assert.Equal(chain.Transactions[0].Hash, again.Hash);
        var rejected = await Assert.ThrowsAsync<TransactionRejectedException>(() => harness.Sequencer.AdmitAsync(again));
        Assert.Equal(TransactionRejectionReason.AlreadyKnown, rejected.Reason);
    }

    [Fact]
    public async Task MissingSegment_IsRebuiltFromTheBlockRecords_AndStoredAgain()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3);
        await harness.Sequencer.StartAsync();
        var chain = await SealAsync(harness, 8);
        Assert.True(await harness.Store.DeleteAsync(L2ObjectKeys.HashIndexSegment(L2Harness.ChainId, 1, 3)));

        await harness.RestartAsync();
        await AssertFindableAsync(harness, chain);

        // The next snapshot stores the blocks no segment chained from block 1 covered.
        chain.Transactions.AddRange((await SealAsync(harness, 1, alreadySealed: 8)).Transactions);
        Assert.Contains(L2ObjectKeys.HashIndexSegment(L2Harness.ChainId, 1, 9), await SegmentKeysAsync(harness));
        await harness.RestartAsync();
        await AssertFindableAsync(harness, chain);
    }

    [Fact]
    public async Task DamagedSegment_IsRejectedAndDeleted_NeverAnsweredFrom()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3);
        await harness.Sequencer.StartAsync();
        var chain = await SealAsync(harness, 8);
        var key = L2ObjectKeys.HashIndexSegment(L2Harness.ChainId, 4, 6);
        var bytes = (await harness.Store.GetAsync(key))!;
        bytes[40] ^= 0x01;
        await harness.Store.DeleteAsync(key);
        await harness.Store.PutIfAbsentAsync(key, bytes);

        await harness.RestartAsync();
        await AssertFindableAsync(harness, chain);
        Assert.Null(await harness.Store.GetAsync(key));
    }

    [Fact]
    public async Task WellFormedSegment_OfOtherHashes_IsRejectedByTheStoredBlockHash()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3);
        await harness.Sequencer.StartAsync();
        var chain = await SealAsync(harness, 8);
        var key = L2ObjectKeys.HashIndexSegment(L2Harness.ChainId, 4, 6);
        var forged = new HashIndexSegment(Enumerable.Range(4, 3)
            .Select(n => new HashIndexedBlock((ulong)n, new Hash32(Keccak256.Hash(BitConverter.GetBytes(n))), [new Hash32(Keccak256.Hash(BitConverter.GetBytes(-n)))]))
            .ToArray());
        await harness.Store.DeleteAsync(key);
        await harness.Store.PutIfAbsentAsync(key, HashIndexSegmentCodec.Encode(forged));

        await harness.RestartAsync();
        await AssertFindableAsync(harness, chain);
        Assert.Null(await harness.Sequencer.GetTransactionLocationAsync(forged.Blocks[0].TransactionHashes[0]));
        Assert.Null(await harness.Sequencer.GetBlockNumberAsync(forged.Blocks[2].Hash));
    }

    [Fact]
    public async Task DataWithoutSegments_AsWrittenBeforeThem_IsIndexedFromTheBlockRecords()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3);
        await harness.Sequencer.StartAsync();
        var chain = await SealAsync(harness, 7);
        foreach (var key in await SegmentKeysAsync(harness))
        {
            await harness.Store.DeleteAsync(key);
        }

        await harness.RestartAsync();
        await AssertFindableAsync(harness, chain);
    }
}
