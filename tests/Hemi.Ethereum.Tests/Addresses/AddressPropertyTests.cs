using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Ethereum.Tests.Addresses;

public sealed class AddressPropertyTests
{
    private static readonly Arbitrary<byte[]> Bytes20 = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 20).ToArbitrary();

    [Fact]
    public void ChecksumString_RoundTripsStrictly_AndCaseVariantsParseLeniently()
    {
        Prop.ForAll(Bytes20, bytes =>
        {
            var address = new Address(bytes);
            var text = address.ToChecksumString();
            var digits = text[2..];
            return Address.ParseChecksummed(text) == address
                && Address.Parse(digits.ToLowerInvariant()) == address
                && Address.ParseChecksummed("0x" + digits.ToUpperInvariant()) == address
                && address.ToBytes().AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ParseChecksummed_RejectsAnyMixedCaseString_ThatIsNotTheChecksum()
    {
        var cases = (from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 20)
                     from flips in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), 40)
                     select (bytes, flips)).ToArbitrary();
        Prop.ForAll(cases, input =>
        {
            var good = new Address(input.bytes).ToChecksumString();
            var chars = good.ToCharArray();
            for (var i = 0; i < 40; i++)
            {
                if (input.flips[i] && char.IsLetter(chars[i + 2]))
                {
                    chars[i + 2] = char.IsUpper(chars[i + 2]) ? char.ToLowerInvariant(chars[i + 2]) : char.ToUpperInvariant(chars[i + 2]);
                }
            }

            var candidate = new string(chars);
            var digits = candidate[2..];
            var mixed = digits != digits.ToLowerInvariant() && digits != digits.ToUpperInvariant();
            var accepted = Address.TryParse(candidate, out _) && Record.Exception(() => Address.ParseChecksummed(candidate)) is null;
            // Accepted exactly when it is the checksum itself or carries no checksum at all.
            return accepted == (candidate == good || !mixed);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Hash32_TextRoundTrips()
    {
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).ToArbitrary(), bytes =>
        {
            var hash = new Hash32(bytes);
            return Hash32.Parse(hash.ToString()) == hash && Hash32.Parse(hash.ToString()[2..].ToUpperInvariant()) == hash;
        }).QuickCheckThrowOnFailure();
    }
}
