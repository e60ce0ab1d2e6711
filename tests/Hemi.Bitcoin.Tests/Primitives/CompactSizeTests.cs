namespace Hemi.Bitcoin.Tests.Primitives;

public sealed class CompactSizeTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(0xfcUL, "fc")]
    [InlineData(0xfdUL, "fdfd00")]
    [InlineData(0xffffUL, "fdffff")]
    [InlineData(0x10000UL, "fe00000100")]
    [InlineData(0xffffffffUL, "feffffffff")]
    [InlineData(0x100000000UL, "ff0000000001000000")]
    public void Write_ProducesShortestEncoding_AndReadsBack(ulong value, string hex)
    {
        var buffer = new byte[9];
        var n = CompactSize.Write(buffer, value);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer.AsSpan(0, n)));
        Assert.Equal(n, CompactSize.GetSize(value));
        Assert.Equal(value, CompactSize.Read(buffer.AsSpan(0, n), out var read, ulong.MaxValue));
        Assert.Equal(n, read);
    }

    [Theory]
    [InlineData("fdfc00")]
    [InlineData("feffff0000")]
    [InlineData("ffffffffff00000000")]
    public void Read_RejectsNonCanonicalEncoding(string hex) =>
        Assert.Throws<BitcoinFormatException>(() => CompactSize.Read(Convert.FromHexString(hex), out _, ulong.MaxValue));

    [Theory]
    [InlineData("")]
    [InlineData("fd00")]
    [InlineData("fe000001")]
    [InlineData("ff00000000010000")]
    public void Read_RejectsTruncation(string hex) =>
        Assert.Throws<BitcoinFormatException>(() => CompactSize.Read(Convert.FromHexString(hex), out _));

    [Fact]
    public void Read_RejectsValuesAboveMaxSize()
    {
        Assert.Equal(CompactSize.MaxSize, CompactSize.Read(Convert.FromHexString("fe00000002"), out _));
        Assert.Throws<BitcoinFormatException>(() => CompactSize.Read(Convert.FromHexString("fe01000002"), out _));
    }

    [Fact]
    public void ReadCount_ClaimingFourBillionItems_ThrowsWithoutAllocating()
    {
        var data = Convert.FromHexString("feffffffff0000");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var thrown = false;
        try
        {
            var reader = new BitcoinReader(data);
            reader.ReadCount(1, ulong.MaxValue);
        }
        catch (BitcoinFormatException)
        {
            thrown = true;
        }

        Assert.True(thrown);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }
}
