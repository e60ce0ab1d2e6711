using System.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Bitcoin.Tests.Primitives;

public sealed class UInt256Tests
{
    private static readonly BigInteger s_two256 = BigInteger.One << 256;

    private static Arbitrary<byte[]> Bytes32 => Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32));

    [Fact]
    public void Addition_WrapsModulo2To256_LikeBigInteger() =>
        Prop.ForAll(Bytes32, Bytes32, (a, b) =>
        {
            var x = new BigInteger(a, isUnsigned: true);
            var y = new BigInteger(b, isUnsigned: true);
            return (UInt256.FromBigInteger(x) + UInt256.FromBigInteger(y)).ToBigInteger() == (x + y) % s_two256;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Shifts_MatchBigInteger() =>
        Prop.ForAll(Bytes32, Arb.From(Gen.Choose(0, 300)), (a, shift) =>
        {
            var x = new BigInteger(a, isUnsigned: true);
            var v = UInt256.FromBigInteger(x);
            return (v << shift).ToBigInteger() == (x << shift) % s_two256
                && (v >> shift).ToBigInteger() == x >> shift
                && v.BitLength == (x.IsZero ? 0 : (int)x.GetBitLength());
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void FromHash_ReadsLittleEndian()
    {
        var bytes = new byte[32];
        bytes[0] = 1;
        bytes[31] = 0x80;
        var value = UInt256.FromHash(Hash256.FromInternal(bytes));
        Assert.Equal((BigInteger.One << 255) + 1, value.ToBigInteger());
        Assert.Equal("8000000000000000000000000000000000000000000000000000000000000001", value.ToString());
    }
}
