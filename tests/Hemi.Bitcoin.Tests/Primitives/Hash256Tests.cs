using System.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Bitcoin.Tests.Primitives;

public sealed class Hash256Tests
{
    private const string GenesisDisplay = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";

    [Fact]
    public void Parse_ReversesDisplayOrderIntoInternalOrder()
    {
        var hash = Hash256.Parse(GenesisDisplay);
        Assert.Equal("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000", hash.ToInternalHex());
        Assert.Equal(GenesisDisplay, hash.ToString());
        Assert.Equal(0x6f, hash.AsSpan()[0]);
        Assert.Equal(hash, Hash256.FromInternal(hash.ToInternalBytes()));
        Assert.Equal(hash, Hash256.FromDisplay(hash.ToDisplayBytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("zz0000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")]
    [InlineData("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f00")]
    public void Parse_RejectsMalformedHex(string hex) =>
        Assert.Throws<BitcoinFormatException>(() => Hash256.Parse(hex));

    [Fact]
    public void FromInternal_RejectsWrongLength() =>
        Assert.Throws<ArgumentException>(() => Hash256.FromInternal(new byte[31]));

    [Fact]
    public void DoubleSha256_MatchesKnownValue()
    {
        // SHA256d("hello") from the Bitcoin wiki's protocol documentation.
        var hash = Hash256.DoubleSha256("hello"u8);
        Assert.Equal("9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50", hash.ToInternalHex());
    }

    [Fact]
    public void CompareTo_OrdersAsLittleEndianNumbers()
    {
        var bytes32 = Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32));
        Prop.ForAll(bytes32, bytes32, (a, b) =>
        {
            var expected = new BigInteger(a, isUnsigned: true).CompareTo(new BigInteger(b, isUnsigned: true));
            var actual = Hash256.FromInternal(a).CompareTo(Hash256.FromInternal(b));
            return Math.Sign(expected) == Math.Sign(actual)
                && (Hash256.FromInternal(a) == Hash256.FromInternal(b)) == a.AsSpan().SequenceEqual(b);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Zero_IsAllZeroBytes()
    {
        Assert.True(Hash256.Zero.IsZero);
        Assert.Equal(new string('0', 64), Hash256.Zero.ToString());
        Assert.False(Hash256.Parse(GenesisDisplay).IsZero);
    }
}
