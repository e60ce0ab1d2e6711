using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Silo.Rpc;

namespace Hemi.Silo.Tests.Rpc;

public sealed class RpcHexTests
{
    [Theory]
    [InlineData("0x0", 0UL)]
    [InlineData("0x1", 1UL)]
    [InlineData("0xff", 255UL)]
    [InlineData("0xFF", 255UL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void ParseUInt64_AcceptsCanonicalQuantities(string text, ulong expected) =>
        Assert.Equal(expected, RpcHex.ParseUInt64(text));

    [Theory]
    [InlineData("0x", "hex string \"0x\"")]
    [InlineData("0x00", "leading zero")]
    [InlineData("0x01", "leading zero")]
    [InlineData("12", "without 0x prefix")]
    [InlineData("", "without 0x prefix")]
    [InlineData("0xg1", "invalid hex")]
    [InlineData("0x10000000000000000", "> 64 bits")]
    [InlineData("0x-1", "invalid hex")]
    [InlineData("0x 1", "invalid hex")]
    public void ParseUInt64_RejectsMalformedQuantities(string text, string message)
    {
        var e = Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseUInt64(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUInt256_BoundsTheDigitCount()
    {
        Assert.Equal(BigInteger.Pow(2, 256) - 1, RpcHex.ParseUInt256("0x" + new string('f', 64)));
        Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseUInt256("0x1" + new string('0', 64)));
        Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseUInt256("0x" + new string('1', 100_000)));
    }

    [Theory]
    [InlineData("0x", 0)]
    [InlineData("0x00", 1)]
    [InlineData("0xdeadBEEF", 4)]
    public void ParseData_AcceptsEvenLengthHex(string text, int length) =>
        Assert.Equal(length, RpcHex.ParseData(text, 16).Length);

    [Theory]
    [InlineData("0x0", "odd length")]
    [InlineData("dead", "without 0x prefix")]
    [InlineData("0xzz", "invalid hex")]
    [InlineData("0x000000000000000000000000000000000000", "longer than 16 bytes")]
    public void ParseData_RejectsMalformedData(string text, string message)
    {
        var e = Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseData(text, 16));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAddress_RequiresExactlyTwentyBytes()
    {
        Assert.Equal("0x8888888888888888888888888888888888888888", RpcHex.ParseAddress("0x8888888888888888888888888888888888888888").ToLowerHexString());
        Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseAddress("0x88"));
        Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseAddress("0x" + new string('8', 42)));
        Assert.Throws<RpcHexFormatException>(() => RpcHex.ParseAddress(null));
    }

    [Fact]
    public void Quantity_IsMinimalHex()
    {
        Assert.Equal("0x0", RpcHex.Quantity(0UL));
        Assert.Equal("0x0", RpcHex.Quantity(BigInteger.Zero));
        Assert.Equal("0x80", RpcHex.Quantity(new BigInteger(128)));
        Assert.Equal("0xde0b6b3a7640000", RpcHex.Quantity(BigInteger.Pow(10, 18)));
    }

    [Fact]
    public void Quantity_RoundTripsEveryUInt64() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), v => RpcHex.ParseUInt64(RpcHex.Quantity(v)) == v).QuickCheckThrowOnFailure();

    [Fact]
    public void Quantity_RoundTripsUInt256Values() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<byte[]>(),
            bytes =>
            {
                var value = new BigInteger(bytes.AsSpan(0, Math.Min(bytes.Length, 32)), isUnsigned: true, isBigEndian: true);
                return RpcHex.ParseUInt256(RpcHex.Quantity(value)) == value;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Data_RoundTripsBytes() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => RpcHex.ParseData(RpcHex.Data(bytes), 1 << 20).AsSpan().SequenceEqual(bytes)).QuickCheckThrowOnFailure();

    [Fact]
    public void Parsers_ThrowOnlyTheirFormatExceptionOnGarbage() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<string>(),
            text =>
            {
                foreach (var parse in new Action[]
                {
                    () => RpcHex.ParseUInt64(text),
                    () => RpcHex.ParseUInt256(text),
                    () => RpcHex.ParseData(text, 64),
                    () => RpcHex.ParseHash(text),
                    () => RpcHex.ParseAddress(text),
                    () => RpcHex.ParseUInt64("0x" + text),
                    () => RpcHex.ParseData("0x" + text, 64),
                })
                {
                    try
                    {
                        parse();
                    }
                    catch (RpcHexFormatException)
                    {
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
}
