using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Tests.Transactions;

public sealed class TransactionParsingTests
{
    // A two-input transaction with one witnessed input, built here so the hostile-input tests need no vector files.
    private static readonly byte[] SegwitTx = new Transaction(
        2,
        [
            new TxIn(new OutPoint(Hash256.DoubleSha256("prev-1"u8), 1), [], 0xfffffffd, [new byte[71], new byte[33]]),
            new TxIn(new OutPoint(Hash256.DoubleSha256("prev-2"u8), 0), [0x00, 0x14, 1, 2, 3], 0xffffffff),
        ],
        [new TxOut(50_000, [0x00, 0x14, .. new byte[20]]), new TxOut(1, [0x6a])],
        650_000).ToBytes();

    [Fact]
    public void Parse_RejectsTrailingBytes()
    {
        var raw = SegwitTx;
        Assert.Throws<BitcoinFormatException>(() => Transaction.Parse([.. raw, 0]));
    }

    [Fact]
    public void Parse_RejectsUnknownFlagAndSuperfluousWitness()
    {
        var raw = SegwitTx;
        var badFlag = (byte[])raw.Clone();
        badFlag[5] = 0x02;
        Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(badFlag));

        // Marker and flag present but every witness stack empty: Core's "superfluous witness record".
        var legacy = new Transaction(1, [new TxIn(new OutPoint(Hash256.DoubleSha256("x"u8), 0), [1], 0)], [new TxOut(1, [0x51])], 7).ToBytes();
        byte[] superfluous = [.. legacy.AsSpan(0, 4), 0x00, 0x01, .. legacy.AsSpan(4, legacy.Length - 8), 0x00, .. legacy.AsSpan(legacy.Length - 4)];
        Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(superfluous));
    }

    [Fact]
    public void Parse_RejectsHugeInputCountWithoutAllocating()
    {
        // version, then an input count of 2^32 - 1 with almost no data behind it.
        var raw = Convert.FromHexString("01000000feffffffff00000000");
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(raw));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
        var maxSize = Convert.FromHexString("01000000fe00000002" + new string('0', 100));
        Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(maxSize));
    }

    [Fact]
    public void Parse_RandomBytes_OnlyThrowsFormatException() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))), raw =>
        {
            try
            {
                var tx = Transaction.Parse(raw);
                return tx.ToBytes().AsSpan().SequenceEqual(raw);
            }
            catch (BitcoinFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Parse_TruncationsAndBitFlipsOfRealTransaction_OnlyThrowFormatException()
    {
        var raw = SegwitTx;
        for (var length = 0; length < raw.Length; length++)
        {
            Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(raw.AsSpan(0, length)));
        }

        Prop.ForAll(Arb.From(Gen.Choose(0, (raw.Length * 8) - 1)), Arb.From(Gen.Choose(0, (raw.Length * 8) - 1)), (bit1, bit2) =>
        {
            var mutated = (byte[])raw.Clone();
            mutated[bit1 / 8] ^= (byte)(1 << (bit1 % 8));
            mutated[bit2 / 8] ^= (byte)(1 << (bit2 % 8));
            try
            {
                var tx = Transaction.Parse(mutated);
                return tx.ToBytes().AsSpan().SequenceEqual(mutated);
            }
            catch (BitcoinFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomTransactions_RoundTripThroughSerialization() =>
        Prop.ForAll(TransactionGenerators.Transactions(), tx =>
        {
            var full = tx.ToBytes();
            var parsed = Transaction.Parse(full);
            var stripped = tx.ToBytes(includeWitness: false);
            return parsed.ToBytes().AsSpan().SequenceEqual(full)
                && parsed.GetTxId() == tx.GetTxId()
                && parsed.GetTxId() == Hash256.DoubleSha256(stripped)
                && parsed.GetWitnessTxId() == Hash256.DoubleSha256(full)
                && parsed.HasWitness == tx.HasWitness
                && parsed.TotalSize == full.Length
                && parsed.BaseSize == stripped.Length
                && parsed.Weight == (stripped.Length * 3) + full.Length;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void WriteTo_BitcoinWriter_MatchesToBytes() =>
        Prop.ForAll(TransactionGenerators.Transactions(), tx =>
        {
            var writer = new BitcoinWriter(1);
            writer.WriteByte(7);
            tx.WriteTo(writer, includeWitness: true);
            return writer.WrittenSpan[1..].SequenceEqual(tx.ToBytes());
        }).QuickCheckThrowOnFailure();
}
