using System.Globalization;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Merkle;

namespace Hemi.Bitcoin.Tests.Merkle;

public sealed class TxOutProofTests
{
    private const string ProofFolder = "bitcoin-blocks/txoutproof/case-0830000";
    private const string BlockFile = "bitcoin-blocks/0830000.bin";

    [VectorFact(ProofFolder, BlockFile)]
    public void GetTxOutProofFiles_ExtractTheNamedTransactions_AndRebuildByteIdentically()
    {
        var block = Block.Parse(TestVectors.ReadAllBytes(BlockFile));
        var txIds = block.GetTxIds();
        var files = Directory.GetFiles(TestVectors.PathOf(ProofFolder), "*.bin");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            Assert.Equal(830000, int.Parse(name[..dash], CultureInfo.InvariantCulture));
            var indexes = name[(dash + 1)..].Split('_').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

            var raw = File.ReadAllBytes(file);
            var proof = MerkleBlock.Parse(raw);
            Assert.Equal(block.Header, proof.Header);
            Assert.Equal((uint)txIds.Length, proof.Tree.TransactionCount);

            var matches = proof.ExtractVerifiedMatches();
            Assert.Equal(block.Header.MerkleRoot, matches.Root);
            Assert.Equal(indexes, matches.MatchedIndexes);
            Assert.Equal(indexes.Select(i => txIds[i]), matches.MatchedTxIds);

            var flags = new bool[txIds.Length];
            foreach (var i in indexes)
            {
                flags[i] = true;
            }

            Assert.Equal(raw, new MerkleBlock(block.Header, PartialMerkleTree.Build(txIds, flags)).ToBytes());
            Assert.Equal(raw, proof.ToBytes());
        }
    }

    [VectorFact(ProofFolder, BlockFile)]
    public void TruncatedProofs_AreRejected_AndFlippedProofsNeverProveAFalseTransaction()
    {
        var txIds = Block.Parse(TestVectors.ReadAllBytes(BlockFile)).GetTxIds();
        var raw = File.ReadAllBytes(Path.Combine(TestVectors.PathOf(ProofFolder), "0830000-1000.bin"));
        for (var length = 0; length < raw.Length; length++)
        {
            Assert.Throws<BitcoinFormatException>(() => MerkleBlock.Parse(raw.AsSpan(0, length)));
        }

        // A flipped bit either breaks the proof, or (a leaf flag, or a count giving the same tree shape) still
        // proves only genuine (index, txid) pairs of the block: soundness is what matters.
        var rejected = 0;
        for (var bit = 80 * 8; bit < raw.Length * 8; bit++)
        {
            var mutated = (byte[])raw.Clone();
            mutated[bit / 8] ^= (byte)(1 << (bit % 8));
            try
            {
                var matches = MerkleBlock.Parse(mutated).ExtractVerifiedMatches();
                for (var i = 0; i < matches.MatchedIndexes.Count; i++)
                {
                    Assert.Equal(txIds[matches.MatchedIndexes[i]], matches.MatchedTxIds[i]);
                }
            }
            catch (BitcoinFormatException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > (raw.Length - 84) * 8 * 9 / 10);
    }
}
