using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Addresses;

namespace Hemi.Bitcoin.Tests.Addresses;

public sealed class Base58Tests
{
    private const string CoreVectors = "bitcoin-core/base58_encode_decode.json";

    [VectorFact(CoreVectors)]
    public void EncodeAndDecode_MatchBitcoinCoreVectors()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(CoreVectors));
        int count = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var bytes = Convert.FromHexString(row[0].GetString()!);
            string text = row[1].GetString()!;
            Assert.Equal(text, Base58.Encode(bytes));
            Assert.Equal(bytes, Base58.Decode(text));
            count++;
        }

        Assert.True(count >= 10);
    }

    [Theory]
    [InlineData("0OIl")]
    [InlineData("abc0")]
    [InlineData("3mJr7AoUXx2Wqd\u00e9")]
    [InlineData(" 3mJr7AoUXx2Wqd")]
    public void Decode_RejectsCharactersOutsideAlphabet(string text)
    {
        var ex = Assert.Throws<AddressFormatException>(() => Base58.Decode(text));
        Assert.Equal(AddressError.InvalidCharacter, ex.Error);
    }

    [Fact]
    public void Decode_RejectsOverlongInputBeforeWorking()
    {
        var ex = Assert.Throws<AddressFormatException>(() => Base58.Decode(new string('2', 5000)));
        Assert.Equal(AddressError.ExceedsLengthLimit, ex.Error);
    }

    [Fact]
    public void Base58Check_RejectsFlippedCharacter()
    {
        string good = Base58Check.Encode([0, 1, 2, 3, 4, 5]);
        Assert.Equal([0, 1, 2, 3, 4, 5], Base58Check.Decode(good));
        char last = good[^1] == 'z' ? 'y' : 'z';
        var ex = Assert.Throws<AddressFormatException>(() => Base58Check.Decode(good[..^1] + last));
        Assert.Equal(AddressError.InvalidChecksum, ex.Error);
    }

    [Fact]
    public void Base58Check_RejectsShortAndOversizedPayloads()
    {
        Assert.Equal(AddressError.TooShort, Assert.Throws<AddressFormatException>(() => Base58Check.Decode("1")).Error);
        string big = Base58Check.Encode(new byte[300]);
        Assert.Equal(AddressError.ExceedsLengthLimit, Assert.Throws<AddressFormatException>(() => Base58Check.Decode(big)).Error);
        Assert.Equal(new byte[300], Base58Check.Decode(big, 300));
    }

    [Fact]
    public void RoundTrip_Property()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            bytes ??= [];
            return Base58.Decode(Base58.Encode(bytes), 4096).AsSpan().SequenceEqual(bytes)
                && (bytes.Length > Base58Check.DefaultMaxPayloadLength || Base58Check.Decode(Base58Check.Encode(bytes)).AsSpan().SequenceEqual(bytes));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomStrings_OnlyThrowAddressFormatException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            text ??= string.Empty;
            try
            {
                Base58Check.Decode(text);
            }
            catch (AddressFormatException)
            {
            }

            try
            {
                Base58.Decode(text);
            }
            catch (AddressFormatException)
            {
            }
        }).QuickCheckThrowOnFailure();
    }
}
