using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Crypto.Tests.Encoding;

public sealed class HexTests
{
    [Fact]
    public void Encode_IsLowercaseWithoutPrefix()
    {
        Assert.Equal("00abff", Hex.Encode([0x00, 0xAB, 0xFF]));
        Assert.Equal("0x00abff", Hex.EncodePrefixed([0x00, 0xAB, 0xFF]));
        Assert.Equal("0x", Hex.EncodePrefixed([]));
    }

    [Theory]
    [InlineData("0xABcd", new byte[] { 0xAB, 0xCD })]
    [InlineData("0XabCD", new byte[] { 0xAB, 0xCD })]
    [InlineData("abcd", new byte[] { 0xAB, 0xCD })]
    [InlineData("0x", new byte[0])]
    [InlineData("", new byte[0])]
    public void Decode_AcceptsOptionalPrefixAndEitherCase(string text, byte[] expected)
    {
        Assert.Equal(expected, Hex.Decode(text));
        Assert.True(Hex.TryDecode(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0x0")]
    [InlineData("zz")]
    [InlineData("0xg0")]
    [InlineData("x0")]
    [InlineData(" 00")]
    [InlineData("0x0x00")]
    public void Decode_RejectsOddLengthAndBadCharacters(string text)
    {
        Assert.Throws<FormatException>(() => Hex.Decode(text));
        Assert.False(Hex.TryDecode(text, out var bytes));
        Assert.Empty(bytes);
    }

    [Fact]
    public void RoundTrip_AnyBytes()
    {
        Prop.ForAll<byte[]>(data =>
            Hex.Decode(Hex.Encode(data)).SequenceEqual(data) &&
            Hex.Decode(Hex.EncodePrefixed(data)).SequenceEqual(data) &&
            Hex.Decode(Hex.Encode(data).ToUpperInvariant()).SequenceEqual(data))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_GarbageOnlyEverThrowsFormatException()
    {
        Prop.ForAll<string>(text =>
        {
            try
            {
                var decoded = Hex.Decode(text ?? string.Empty);
                return Hex.TryDecode(text ?? string.Empty, out var again) && again.SequenceEqual(decoded);
            }
            catch (FormatException)
            {
                return !Hex.TryDecode(text ?? string.Empty, out _);
            }
        }).QuickCheckThrowOnFailure();
    }
}
