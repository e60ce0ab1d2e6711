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
using Hemi.Grains.Tests.TestInfrastructure;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Tests.Indexing;

/// <summary>
/// Model-based: a chain of synthetic blocks, each publishing some of a few keystones, is connected and then its top is
/// disconnected; the indexer must agree with "first publication = lowest remaining block that contains the keystone".
/// </summary>
public sealed class PopIndexerPropertyTests : IDisposable
{
    private const int KeystonePool = 4;
    private readonly PrivateKey _key = PrivateKey.FromBytes(Sha256.Hash("pop indexer property key"u8));
    // Signed PoP transactions per (keystone, variant), built once: signing dominates otherwise.
    private readonly Transaction[,] _pops;

    public PopIndexerPropertyTests()
    {
        _pops = new Transaction[KeystonePool, 8];
        var script = PopTransactionFactory.MinerScript(_key.PublicKey);
        for (var k = 0; k < KeystonePool; k++)
        {
            for (var v = 0; v < 8; v++)
            {
                var coin = new Coin(new OutPoint(Hash256.FromInternal(Sha256.Hash([(byte)k, (byte)v])), 0), new TxOut(100_000, script));
                _pops[k, v] = PopTransactionFactory.Create(_key, GrainsHarness.Keystone((uint)(k + 1) * 25).Abbreviate(), [coin], FeeRate.FromSatoshisPerVbyte(1), 100).Transaction;
            }
        }
    }

    [Fact]
    public void FirstPublication_MatchesTheModelAfterConnectsAndDisconnects()
    {
        var cases =
            from n in Gen.Choose(1, 8)
            from contents in Gen.ArrayOf(Gen.Choose(0, 3).SelectMany(c => Gen.ArrayOf(Gen.Choose(0, KeystonePool - 1), c)), n)
            from disconnect in Gen.Choose(0, n)
            select (contents, disconnect);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (contents, disconnect) = c;
            var chain = BuildChain(contents);
            var indexer = new PopIndexer();
            for (var h = 0; h < chain.Count; h++)
            {
                indexer.ConnectBlock(chain[h], h + 1);
            }

            for (var h = chain.Count - 1; h >= chain.Count - disconnect; h--)
            {
                indexer.DisconnectBlock(chain[h].GetHash());
            }

            var remaining = chain.Count - disconnect;
            var expectedCount = contents.Take(remaining).Sum(b => b.Length);
            if (indexer.PublicationCount != expectedCount || indexer.BlockCount != remaining)
            {
                return false;
            }

            for (var k = 0; k < KeystonePool; k++)
            {
                var hash = GrainsHarness.Keystone((uint)(k + 1) * 25).Abbreviate().GetHash();
                var heights = Enumerable.Range(0, remaining).Where(h => contents[h].Contains(k)).ToArray();
                var first = indexer.FirstPublication(hash);
                if (heights.Length == 0 ? first is not null : first is null || first.BlockHeight != heights[0] + 1 || first.BlockHash != chain[heights[0]].GetHash())
                {
                    return false;
                }

                var expectedHeights = Enumerable.Range(0, remaining).SelectMany(h => contents[h].Where(x => x == k).Select(_ => (uint)(h + 1)));
                if (!indexer.Publications(hash).Select(p => p.Height).SequenceEqual(expectedHeights))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    public void Dispose() => _key.Dispose();

    private List<Block> BuildChain(int[][] contents)
    {
        var chain = new List<Block>();
        var prev = Hash256.Zero;
        for (var h = 0; h < contents.Length; h++)
        {
            // The same keystone twice in one block uses two distinct transactions.
            var txs = contents[h].Select((k, i) => _pops[k, (h + i) % 8]).ToArray();
            var header = new BlockHeader(4, prev, Hash256.Zero, (uint)(1_700_000_000 + h), 0x207fffff, (uint)h);
            var block = new Block(header, txs);
            chain.Add(block);
            prev = block.GetHash();
        }

        return chain;
    }
}
