using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Addresses;

namespace Hemi.Bitcoin.Tests.Addresses;

public sealed class Bech32Tests
{
    private const string Fixtures = "bech32/fixtures.json";

    [VectorFact(Fixtures)]
    public void ValidFixtures_DecodeAndEncode()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        int count = 0;
        foreach (var (section, encoding) in new[] { ("bech32", Bech32Encoding.Bech32), ("bech32m", Bech32Encoding.Bech32m) })
        {
            foreach (var v in doc.RootElement.GetProperty(section).GetProperty("valid").EnumerateArray())
            {
                string text = v.GetProperty("string").GetString()!;
                int limit = v.TryGetProperty("limit", out var l) ? l.GetInt32() : Bech32.DefaultLimit;
                var words = v.GetProperty("words").EnumerateArray().Select(w => (byte)w.GetInt32()).ToArray();
                var decoded = Bech32.Decode(text, encoding, limit);
                Assert.Equal(v.GetProperty("prefix").GetString()!.ToLowerInvariant(), decoded.Hrp);
                Assert.Equal(words, decoded.Words);
                Assert.Equal(encoding, decoded.Encoding);
                Assert.Equal(text.ToLowerInvariant(), Bech32.Encode(decoded.Hrp, words, encoding, limit));
                if (v.TryGetProperty("hex", out var hex))
                {
                    Assert.Equal(Convert.FromHexString(hex.GetString()!), Bech32.FromWords(words));
                }

                // The other checksum variant never accepts the same string.
                var other = encoding == Bech32Encoding.Bech32 ? Bech32Encoding.Bech32m : Bech32Encoding.Bech32;
                Assert.Equal(AddressError.InvalidChecksum, Assert.Throws<AddressFormatException>(() => Bech32.Decode(text, other, limit)).Error);
                count++;
            }
        }

        Assert.True(count >= 14);
    }

    [VectorFact(Fixtures)]
    public void InvalidFixtures_RaiseTheMatchingTypedError()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        int count = 0;
        foreach (var (section, encoding) in new[] { ("bech32", Bech32Encoding.Bech32), ("bech32m", Bech32Encoding.Bech32m) })
        {
            foreach (var v in doc.RootElement.GetProperty(section).GetProperty("invalid").EnumerateArray())
            {
                string exception = v.GetProperty("exception").GetString()!;
                int limit = v.TryGetProperty("limit", out var l) ? l.GetInt32() : Bech32.DefaultLimit;
                AddressFormatException ex;
                if (v.TryGetProperty("words", out var wordsElement))
                {
                    var words = wordsElement.EnumerateArray().Select(w => w.GetInt32()).ToArray();
                    string prefix = v.GetProperty("prefix").GetString()!;
                    Assert.All(words, w => Assert.InRange(w, 0, 255));
                    ex = Assert.Throws<AddressFormatException>(() => Bech32.Encode(prefix, words.Select(w => (byte)w).ToArray(), encoding, limit));
                }
                else
                {
                    string text = v.TryGetProperty("string", out var s)
                        ? s.GetString()!
                        : new string(Convert.FromHexString(v.GetProperty("stringHex").GetString()!).Select(b => (char)b).ToArray());
                    ex = Assert.Throws<AddressFormatException>(() => Bech32.Decode(text, encoding, limit));
                }

                Assert.Equal(ExpectedError(exception), ex.Error);
                count++;
            }
        }

        Assert.True(count >= 39);
    }

    [VectorFact(Fixtures)]
    public void FromWordsFixtures_RejectBadPadding()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        foreach (var v in doc.RootElement.GetProperty("fromWords").GetProperty("invalid").EnumerateArray())
        {
            var words = v.GetProperty("words").EnumerateArray().Select(w => (byte)w.GetInt32()).ToArray();
            var ex = Assert.Throws<AddressFormatException>(() => Bech32.FromWords(words));
            Assert.Equal(ExpectedError(v.GetProperty("exception").GetString()!), ex.Error);
        }
    }

    [VectorFact("bips/bip-0173.mediawiki", "bips/bip-0350.mediawiki")]
    public void BipChecksumVectors_ValidAndInvalid()
    {
        var valid173 = MediaWikiVectors.Bullets("bips/bip-0173.mediawiki", "===Test vectors===", "The following string are not valid");
        var invalid173 = MediaWikiVectors.Bullets("bips/bip-0173.mediawiki", "The following string are not valid", "The following list gives valid segwit addresses");
        var valid350 = MediaWikiVectors.Bullets("bips/bip-0350.mediawiki", "===Test vectors for Bech32m===", "The following string are not valid");
        var invalid350 = MediaWikiVectors.Bullets("bips/bip-0350.mediawiki", "The following string are not valid", "===Test vectors for v0-v16");
        Assert.Equal(7, valid173.Count);
        Assert.Equal(12, invalid173.Count);
        Assert.Equal(7, valid350.Count);
        Assert.Equal(14, invalid350.Count);

        foreach (var (text, _) in valid173)
        {
            Assert.Equal(Bech32Encoding.Bech32, Bech32.Decode(text, Bech32Encoding.Bech32).Encoding);
            Assert.Throws<AddressFormatException>(() => Bech32.Decode(text, Bech32Encoding.Bech32m));
        }

        foreach (var (text, _) in valid350)
        {
            Assert.Equal(Bech32Encoding.Bech32m, Bech32.Decode(text).Encoding);
            Assert.Throws<AddressFormatException>(() => Bech32.Decode(text, Bech32Encoding.Bech32));
        }

        foreach (var (text, reason) in invalid173.Concat(invalid350))
        {
            Assert.True(Throws(() => Bech32.Decode(text)), $"{text} ({reason}) decoded");
        }
    }

    [Fact]
    public void Decode_RejectsMixedCaseAndAcceptsAllUpperCase()
    {
        Assert.Equal(AddressError.MixedCase, Assert.Throws<AddressFormatException>(() => Bech32.Decode("A12uEL5L")).Error);
        Assert.Equal("a", Bech32.Decode("A12UEL5L").Hrp);
    }

    [Fact]
    public void RoundTrip_Property()
    {
        var gen =
            from hrpLength in Gen.Choose(1, 10)
            from hrp in Gen.ArrayOf(Gen.Choose(33, 126).Select(c => (char)c), hrpLength)
            from dataLength in Gen.Choose(0, 40)
            from data in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), dataLength)
            from m in ArbMap.Default.GeneratorFor<bool>()
            select (new string(hrp).ToLowerInvariant(), data, m ? Bech32Encoding.Bech32m : Bech32Encoding.Bech32);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (hrp, data, encoding) = t;
            string text = Bech32.Encode(hrp, Bech32.ToWords(data), encoding);
            var decoded = Bech32.Decode(text, encoding);
            return decoded.Hrp == hrp && Bech32.FromWords(decoded.Words).AsSpan().SequenceEqual(data);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomStrings_OnlyThrowAddressFormatException()
    {
        var gen = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Choose(0, 100).SelectMany(n => Gen.ArrayOf(Gen.Elements("qpzry9x8gf2tvdw0s3jn54khce6mua7l1bcBCI".ToCharArray()), n)).Select(c => new string(c)));
        Prop.ForAll(gen.ToArbitrary(), text =>
        {
            try
            {
                Bech32.Decode(text);
            }
            catch (AddressFormatException)
            {
            }
        }).QuickCheckThrowOnFailure();
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (AddressFormatException)
        {
            return true;
        }
    }

    private static AddressError ExpectedError(string exception) => exception switch
    {
        _ when exception.StartsWith("Mixed-case", StringComparison.Ordinal) => AddressError.MixedCase,
        _ when exception.StartsWith("Invalid prefix", StringComparison.Ordinal) => AddressError.InvalidPrefix,
        _ when exception.StartsWith("Exceeds length limit", StringComparison.Ordinal) => AddressError.ExceedsLengthLimit,
        _ when exception.StartsWith("Unknown character", StringComparison.Ordinal) => AddressError.InvalidCharacter,
        _ when exception.StartsWith("Missing prefix", StringComparison.Ordinal) => AddressError.MissingPrefix,
        _ when exception.StartsWith("No separator", StringComparison.Ordinal) => AddressError.NoSeparator,
        _ when exception.StartsWith("Data too short", StringComparison.Ordinal) => AddressError.DataTooShort,
        _ when exception.EndsWith("too short", StringComparison.Ordinal) => AddressError.TooShort,
        _ when exception.StartsWith("Invalid checksum", StringComparison.Ordinal) => AddressError.InvalidChecksum,
        _ when exception.StartsWith("Non 5-bit word", StringComparison.Ordinal) => AddressError.InvalidWord,
        _ when exception.StartsWith("Excess padding", StringComparison.Ordinal) => AddressError.ExcessPadding,
        _ when exception.StartsWith("Non-zero padding", StringComparison.Ordinal) => AddressError.NonZeroPadding,
        _ => throw new InvalidOperationException($"unmapped fixture exception '{exception}'"),
    };
}
