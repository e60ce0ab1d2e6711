using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Merkle;
using Hemi.Bitcoin.Tests.Transactions;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Tests.Blocks;

public sealed class BlockParsingTests
{
    private static Block SmallBlock()
    {
        var coinbase = new Transaction(
            1,
            [new TxIn(OutPoint.Null, [0x03, 0x40, 0x0d, 0x03, 0xaa], 0xffffffff, [new byte[32]])],
            [new TxOut(50 * Money.Coin, [0x51])],
            0);
        var spend = new Transaction(2, [new TxIn(new OutPoint(Hash256.DoubleSha256("funding"u8), 0), [], 0, [[1, 2, 3]])], [new TxOut(1, [0x51])], 0);
        var witnessRoot = MerkleTree.ComputeRoot([Hash256.Zero, spend.GetWitnessTxId()]);
        Span<byte> preimage = stackalloc byte[64];
        witnessRoot.WriteInternal(preimage);
        var commitment = Hash256.DoubleSha256(preimage); // reserved value is 32 zero bytes
        byte[] commitmentScript = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed, .. commitment.ToInternalBytes()];
        coinbase = new Transaction(coinbase.Version, coinbase.Inputs, [.. coinbase.Outputs, new TxOut(0, commitmentScript)], 0);
        var header = new BlockHeader(4, Hash256.Zero, MerkleTree.ComputeRoot([coinbase.GetTxId(), spend.GetTxId()]), 1, 0x207fffff, 0);
        return new Block(header, [coinbase, spend]);
    }

    [Fact]
    public void SyntheticSegwitBlock_CommitmentAndBip34Height()
    {
        var block = SmallBlock();
        Assert.True(block.CheckWitnessCommitment());
        Assert.Equal(200000, block.GetBip34Height());
        Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
        var reparsed = Block.Parse(block.ToBytes());
        Assert.Equal(block.ToBytes(), reparsed.ToBytes());
        Assert.True(reparsed.CheckWitnessCommitment());
    }

    [Fact]
    public void Parse_TruncatedBlock_ThrowsFormatException()
    {
        var raw = SmallBlock().ToBytes();
        for (var length = 0; length < raw.Length; length++)
        {
            Assert.Throws<BitcoinFormatException>(() => Block.Parse(raw.AsSpan(0, length)));
        }

        Assert.Throws<BitcoinFormatException>(() => Block.Parse([.. raw, 0]));
    }

    [Fact]
    public void Parse_HugeTransactionCount_ThrowsWithoutAllocating()
    {
        byte[] raw = [.. new byte[80], 0xfe, 0xff, 0xff, 0xff, 0x01, 0, 0, 0];
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<BitcoinFormatException>(() => Block.Parse(raw));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public void Parse_RandomGarbageAndBitFlips_OnlyThrowFormatException()
    {
        var raw = SmallBlock().ToBytes();
        Prop.ForAll(Arb.From(Gen.Choose(0, (raw.Length * 8) - 1)), Arb.From(Gen.Choose(0, (raw.Length * 8) - 1)), (bit1, bit2) =>
        {
            var mutated = (byte[])raw.Clone();
            mutated[bit1 / 8] ^= (byte)(1 << (bit1 % 8));
            mutated[bit2 / 8] ^= (byte)(1 << (bit2 % 8));
            try
            {
                return Block.Parse(mutated).ToBytes().AsSpan().SequenceEqual(mutated);
            }
            catch (BitcoinFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();

        Prop.ForAll(Arb.From(TransactionGenerators.Bytes(400)), garbage =>
        {
            try
            {
                Block.Parse([.. raw.AsSpan(0, 80), .. garbage]);
                return true;
            }
            catch (BitcoinFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void GetBip34Height_ReadsMinimalScriptNumbers()
    {
        static long? Height(params byte[] script) =>
            new Block(new BlockHeader(1, Hash256.Zero, Hash256.Zero, 0, 0, 0), [new Transaction(1, [new TxIn(OutPoint.Null, script, 0)], [new TxOut(0, [])], 0)]).GetBip34Height();

        Assert.Equal(0, Height(0x00));
        Assert.Equal(16, Height(0x60));
        Assert.Equal(0x80, Height(0x02, 0x80, 0x00));
        Assert.Equal(227931, Height(0x03, 0x5b, 0x7a, 0x03));
        Assert.Null(Height(0x02, 0x05, 0x00)); // non-minimal
        Assert.Null(Height(0x01, 0x81)); // negative
        Assert.Null(Height(0x03, 0x01)); // truncated push
        Assert.Null(Height());
    }
}
