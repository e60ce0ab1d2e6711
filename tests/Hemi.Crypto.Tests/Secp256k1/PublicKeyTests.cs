using FsCheck;
using FsCheck.Fluent;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

public sealed class PublicKeyTests
{
    private const string Generator = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

    [Fact]
    public void Parse_AcceptsCompressedAndUncompressed_AndTheyAreEqual()
    {
        var uncompressed = PublicKey.Parse(Hex.Decode(Generator));
        var compressed = PublicKey.Parse(Hex.Decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"));
        Assert.Equal(uncompressed, compressed);
        Assert.Equal(uncompressed.GetHashCode(), compressed.GetHashCode());
        Assert.Equal(Generator, Hex.Encode(compressed.ToUncompressed()));
    }

    [Fact]
    public void Parse_RejectsHybridEncodings()
    {
        // 0x06/0x07 hybrid keys carry the parity in the prefix; libsecp256k1 would accept them, we must not.
        var hybrid = Hex.Decode(Generator);
        hybrid[0] = 0x06; // G's Y is even
        Assert.False(PublicKey.TryParse(hybrid, out _));
        Assert.Throws<FormatException>(() => PublicKey.Parse(hybrid));
        hybrid[0] = 0x07;
        Assert.Throws<FormatException>(() => PublicKey.Parse(hybrid));
    }

    [Fact]
    public void ToXOnly_ReportsParity()
    {
        using var key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000003"));
        var xonly = key.PublicKey.ToXOnly(out var odd);
        Assert.Equal(key.PublicKey.ToCompressed()[0] == 0x03, odd);
        Assert.Equal(key.PublicKey.ToCompressed()[1..], xonly.ToBytes());
    }

    [Fact]
    public void XOnlyParse_RejectsWrongLengthAndOffCurve()
    {
        Assert.Throws<FormatException>(() => XOnlyPublicKey.Parse(new byte[31]));
        // x = 5 is not on the curve (5³ + 7 = 132 is not a square mod p).
        Assert.Throws<FormatException>(() => XOnlyPublicKey.Parse(ReferenceCurve.ToBytes32(5)));
        Assert.Throws<FormatException>(() => XOnlyPublicKey.Parse(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void RandomKeys_RoundTripThroughBothEncodings()
    {
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).Where(k => PrivateKey.IsValid(k)).ToArbitrary(), secret =>
        {
            using var key = PrivateKey.FromBytes(secret);
            var compressed = key.PublicKey.ToCompressed();
            var uncompressed = key.PublicKey.ToUncompressed();
            return PublicKey.Parse(compressed).Equals(key.PublicKey) &&
                   PublicKey.Parse(uncompressed).Equals(key.PublicKey) &&
                   XOnlyPublicKey.Parse(key.XOnlyPublicKey.ToBytes()).Equals(key.XOnlyPublicKey);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_GarbageOnlyEverThrowsFormatException()
    {
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from prefix in Gen.Elements<byte>(0, 2, 3, 4, 5, 6, 7)
            from length in Gen.Elements(32, 33, 64, 65, 66)
            from rest in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length - 1)
            select (byte[])[prefix, .. rest]);

        Prop.ForAll(garbage.ToArbitrary(), data =>
        {
            var parsed = PublicKey.TryParse(data, out var key);
            try
            {
                var again = PublicKey.Parse(data);
                return parsed && again.Equals(key);
            }
            catch (FormatException)
            {
                return !parsed && key is null;
            }
        }).QuickCheckThrowOnFailure();
    }
}
