using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Indexing;
using Hemi.Grains.Pop;
using Hemi.Grains.Tests.TestInfrastructure;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Tests.Indexing;

/// <summary>
/// Model-based: a chain is connected, its top disconnected and a different branch connected, with the submission
/// changes applied to a store (as the chain grain applies them to submission grains) at random points. At the end the
/// store must hold, for every transaction ever seen, exactly what a from-scratch reading of the final chain says.
/// </summary>
public sealed class PopIndexerSubmissionPropertyTests : IDisposable
{
    private const int KeystonePool = 3;
    private const int MaxPerBlock = 3;
    private const int MaxBlocks = 12;
    private readonly PrivateKey _key = PrivateKey.FromBytes(Sha256.Hash("pop submission property key"u8));
    // A distinct signed transaction per (branch, keystone, position): a transaction is in at most one block of a chain.
    private readonly Transaction[,,] _pops;

    public PopIndexerSubmissionPropertyTests()
    {
        _pops = new Transaction[2, KeystonePool, MaxBlocks * MaxPerBlock];
        var script = PopTransactionFactory.MinerScript(_key.PublicKey);
        for (var b = 0; b < 2; b++)
        {
            for (var k = 0; k < KeystonePool; k++)
            {
                for (var p = 0; p < MaxBlocks * MaxPerBlock; p++)
                {
                    var coin = new Coin(new OutPoint(Hash256.FromInternal(Sha256.Hash([(byte)b, (byte)k, (byte)p])), 0), new TxOut(100_000, script));
                    _pops[b, k, p] = PopTransactionFactory.Create(_key, GrainsHarness.Keystone((uint)(k + 1) * 25).Abbreviate(), [coin], FeeRate.FromSatoshisPerVbyte(1), 100).Transaction;
                }
            }
        }
    }

    [Fact]
    public void AppliedChanges_MatchTheFinalChain_WhateverTheFlushPoints()
    {
        var block = Gen.Choose(0, MaxPerBlock).SelectMany(c => Gen.ArrayOf(Gen.Choose(0, KeystonePool - 1), c));
        var cases =
            from n in Gen.Choose(1, MaxBlocks)
            from main in Gen.ArrayOf(block, n)
            from disconnect in Gen.Choose(0, n)
            from m in Gen.Choose(0, MaxBlocks - (n - disconnect))
            from branch in Gen.ArrayOf(block, m)
            from flushes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), n + disconnect + m)
            select (main, disconnect, branch, flushes);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (main, disconnect, branch, flushes) = c;
            var mainChain = BuildChain(main, 0, 0, Hash256.Zero);
            var fork = main.Length - disconnect;
            var branchChain = BuildChain(branch, 1, fork, fork == 0 ? Hash256.Zero : mainChain[fork - 1].GetHash());
            var indexer = new PopIndexer(trackSubmissions: true);
            var store = new Dictionary<(string TxId, int Output), PopSubmission>();
            var step = 0;
            void MaybeFlush()
            {
                if (flushes[step++])
                {
                    Apply(indexer, store);
                }
            }

            for (var h = 0; h < mainChain.Count; h++)
            {
                indexer.ConnectBlock(mainChain[h], h + 1);
                MaybeFlush();
            }

            for (var h = mainChain.Count - 1; h >= fork; h--)
            {
                indexer.DisconnectBlock(mainChain[h].GetHash());
                MaybeFlush();
            }

            for (var i = 0; i < branchChain.Count; i++)
            {
                indexer.ConnectBlock(branchChain[i], fork + i + 1);
                MaybeFlush();
            }

            Apply(indexer, store);
            var final = mainChain.Take(fork).Concat(branchChain).ToList();
            var expected = Expected(final);
            // Every publication of the final chain is stored as indexed; anything else stored is marked unindexed (a
            // transaction connected and disconnected between two flushes may never have been stored at all).
            return expected.All(e => store.TryGetValue(e.Key, out var s) && Same(s, e.Value))
                && store.Where(s => !expected.ContainsKey(s.Key)).All(s => !s.Value.Indexed);
        }).QuickCheckThrowOnFailure();
    }

    public void Dispose() => _key.Dispose();

    private static void Apply(PopIndexer indexer, Dictionary<(string TxId, int Output), PopSubmission> store)
    {
        var changes = indexer.GetSubmissionChanges();
        foreach (var (txId, blockHash) in changes.Unindexed)
        {
            foreach (var key in store.Keys.Where(k => k.TxId == txId).ToArray())
            {
                if (store[key].BlockHash == blockHash)
                {
                    store[key] = store[key] with { Indexed = false };
                }
            }
        }

        foreach (var submission in changes.Indexed)
        {
            store[(submission.TxId, submission.OutputIndex)] = submission;
        }

        indexer.AcknowledgeSubmissionChanges();
    }

    /// <summary>From scratch: every publication of the final chain with its block, height and relative block.</summary>
    private static Dictionary<(string TxId, int Output), (bool Indexed, string BlockHash, int Height, int Relative)> Expected(List<Block> final)
    {
        var firstHeight = new Dictionary<Hash256, int>();
        var result = new Dictionary<(string, int), (bool, string, int, int)>();
        for (var h = 0; h < final.Count; h++)
        {
            foreach (var p in PopScanner.Scan(final[h]))
            {
                firstHeight.TryAdd(p.KeystoneHash, h + 1);
            }
        }

        for (var h = 0; h < final.Count; h++)
        {
            foreach (var p in PopScanner.Scan(final[h]))
            {
                result[(p.TxId.ToString(), p.OutputIndex)] = (true, final[h].GetHash().ToString(), h + 1, h + 1 - firstHeight[p.KeystoneHash]);
            }
        }

        return result;
    }

    private static bool Same(PopSubmission stored, (bool Indexed, string BlockHash, int Height, int Relative) expected) =>
        stored.Indexed == expected.Indexed
        && stored.BlockHash == expected.BlockHash
        && stored.BlockHeight == expected.Height
        && stored.RelativeBlock == expected.Relative
        && stored.WithinPayoutWindow == (expected.Relative < PopPayout.MaximumBtcPublicationDelay);

    private List<Block> BuildChain(int[][] contents, int branch, int startHeight, Hash256 prev)
    {
        var chain = new List<Block>();
        for (var h = 0; h < contents.Length; h++)
        {
            var height = startHeight + h;
            var txs = contents[h].Select((k, i) => _pops[branch, k, (height * MaxPerBlock) + i]).ToArray();
            var header = new BlockHeader(4, prev, Hash256.Zero, (uint)(1_700_000_000 + height + (branch * 1000)), 0x207fffff, (uint)height);
            var block = new Block(header, txs);
            chain.Add(block);
            prev = block.GetHash();
        }

        return chain;
    }
}
