using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum.Rlp;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Tests.Rlp;

public sealed class RlpPropertyTests
{
    private static readonly Gen<byte[]> Strings =
        Gen.OneOf(
            Gen.Choose(0, 255).Select(b => new byte[] { (byte)b }),
            from length in Gen.Choose(0, 70)
            from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
            select bytes);

    private static Gen<RlpItem> Items(int size) =>
        size <= 1
            ? Strings.Select(b => (RlpItem)new RlpString(b))
            : Gen.OneOf(
                Strings.Select(b => (RlpItem)new RlpString(b)),
                from count in Gen.Choose(0, 5)
                from children in Gen.ArrayOf(Items(size / 3), count)
                select (RlpItem)new RlpList(children));

    private static Arbitrary<RlpItem> AnyItem => Gen.Sized(size => Items(Math.Min(size, 60))).ToArbitrary();

    [Fact]
    public void EncodeThenDecode_RoundTripsRandomNestedItems()
    {
        Prop.ForAll(AnyItem, item => RlpCodec.Decode(RlpCodec.Encode(item)).Equals(item))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encode_MatchesComposedHelpers()
    {
        Prop.ForAll(AnyItem, item => RlpCodec.Encode(item).AsSpan().SequenceEqual(Compose(item)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Writer_NestsListsBeyondItsInlineDepth_AndEncodesEachLevelAsTheHelpersDo()
    {
        // The writer keeps the first open lists inline and spills deeper ones to an array: cover both sides and the edge.
        Prop.ForAll(Gen.Choose(0, 40).ToArbitrary(), Strings.ToArbitrary(), (depth, leaf) =>
        {
            RlpItem item = new RlpString(leaf);
            for (var i = 0; i < depth; i++)
            {
                item = new RlpList(i % 3 == 0 ? [item, new RlpString([(byte)i])] : [item]);
            }

            var writer = new RlpWriter(4);
            writer.Write(item);
            return writer.ToArray().AsSpan().SequenceEqual(Compose(item));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Writer_RejectsUnbalancedLists()
    {
        var writer = new RlpWriter();
        for (var i = 0; i < 12; i++)
        {
            writer.BeginList();
        }

        Assert.Throws<InvalidOperationException>(writer.ToArray);
        for (var i = 0; i < 12; i++)
        {
            writer.EndList();
        }

        Assert.Equal(12, writer.ToArray().Length);
        Assert.Throws<InvalidOperationException>(writer.EndList);
    }

    [Fact]
    public void Decode_RandomBytes_OnlyThrowsRlpException_AndAcceptedInputIsCanonical()
    {
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            // Mutated valid encodings reach deeper into the decoder than pure noise.
            from item in Gen.Sized(size => Items(Math.Min(size, 30)))
            from position in Gen.Choose(0, 1000)
            from value in ArbMap.Default.GeneratorFor<byte>()
            select Mutate(RlpCodec.Encode(item), position, value)).ToArbitrary();

        Prop.ForAll(garbage, bytes =>
        {
            try
            {
                var item = RlpCodec.Decode(bytes);
                // Strict decoding means exactly one encoding per value.
                return RlpCodec.Encode(item).AsSpan().SequenceEqual(bytes);
            }
            catch (RlpException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void UInt64_RoundTrips()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), value =>
        {
            var reader = new RlpReader(RlpCodec.EncodeUInt64(value));
            return reader.ReadUInt64() == value && !reader.HasMore;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BigInteger_RoundTripsAndMatchesWriter()
    {
        var gen = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
            .Select(bytes => new BigInteger(bytes, isUnsigned: true, isBigEndian: true) >> (bytes[0] % 256))
            .ToArbitrary();
        Prop.ForAll(gen, value =>
        {
            var encoded = RlpCodec.EncodeBigInteger(value);
            var writer = new RlpWriter();
            writer.WriteBigInteger(value);
            var reader = new RlpReader(encoded);
            return reader.ReadBigInteger() == value && writer.ToArray().AsSpan().SequenceEqual(encoded);
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Mutate(byte[] encoded, int position, byte value)
    {
        var copy = (byte[])encoded.Clone();
        if (copy.Length > 0)
        {
            copy[position % copy.Length] = value;
        }

        return copy;
    }

    private static byte[] Compose(RlpItem item) => item switch
    {
        RlpString s => RlpCodec.EncodeString(s.Bytes),
        RlpList l => RlpCodec.EncodeList(l.Items.Select(Compose).ToArray()),
        _ => throw new InvalidOperationException(),
    };
}
