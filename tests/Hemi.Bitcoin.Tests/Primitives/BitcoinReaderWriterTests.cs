namespace Hemi.Bitcoin.Tests.Primitives;

public sealed class BitcoinReaderWriterTests
{
    [Fact]
    public void WriterAndReader_RoundTripEveryPrimitive()
    {
        var hash = Hash256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
        var writer = new BitcoinWriter(1);
        writer.WriteByte(0xab);
        writer.WriteUInt16(0x1234);
        writer.WriteUInt32(0xdeadbeef);
        writer.WriteInt32(-5);
        writer.WriteUInt64(ulong.MaxValue - 1);
        writer.WriteInt64(long.MinValue);
        writer.WriteCompactSize(70000);
        writer.WriteVarBytes([1, 2, 3]);
        writer.WriteHash256(hash);

        var reader = new BitcoinReader(writer.WrittenSpan);
        Assert.Equal(0xab, reader.ReadByte());
        Assert.Equal(0x1234, reader.ReadUInt16());
        Assert.Equal(0xdeadbeef, reader.ReadUInt32());
        Assert.Equal(-5, reader.ReadInt32());
        Assert.Equal(ulong.MaxValue - 1, reader.ReadUInt64());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(70000UL, reader.ReadCompactSize());
        Assert.Equal([1, 2, 3], reader.ReadVarBytes());
        Assert.Equal(hash, reader.ReadHash256());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Reader_ThrowsFormatExceptionOnTruncation()
    {
        Assert.Throws<BitcoinFormatException>(() => new BitcoinReader([1, 2, 3]).ReadUInt32());
        Assert.Throws<BitcoinFormatException>(() => new BitcoinReader([1, 2]).ReadHash256());
        Assert.Throws<BitcoinFormatException>(() => new BitcoinReader([5, 1, 2]).ReadVarBytes());
        Assert.Throws<BitcoinFormatException>(() => new BitcoinReader([1]).ReadBytes(-1));
    }
}
