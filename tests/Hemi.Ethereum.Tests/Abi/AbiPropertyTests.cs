using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum.Abi;
using static Hemi.Ethereum.Tests.Abi.AbiTestSupport;

namespace Hemi.Ethereum.Tests.Abi;

public sealed class AbiPropertyTests
{
    private static readonly Gen<byte> Bytes = ArbMap.Default.GeneratorFor<byte>();

    private static readonly Gen<AbiType> ValueTypes = Gen.OneOf(
        Gen.Choose(1, 32).Select(n => (AbiType)new UIntType(n * 8)),
        Gen.Choose(1, 32).Select(n => (AbiType)new IntType(n * 8)),
        Gen.Choose(1, 32).Select(n => (AbiType)new FixedBytesType(n)),
        Gen.Elements<AbiType>(AbiType.Address, AbiType.Bool, new FunctionType(), new FixedPointType(true, 128, 18), new FixedPointType(false, 64, 6)));

    private static readonly Gen<AbiType> Leaves = Gen.Frequency(
        (6, ValueTypes),
        (1, Gen.Constant<AbiType>(AbiType.Bytes)),
        (1, Gen.Constant<AbiType>(AbiType.String)));

    private static readonly string[] TextPieces = ["a", "Z", "0", " ", "é", "€", "日本", "😀", "\0", "\n"];

    private static Gen<AbiType> Types(int depth) =>
        depth == 0
            ? Leaves
            : Gen.Frequency(
                (4, Leaves),
                (1, Types(depth - 1).Select(e => (AbiType)new ArrayType(e))),
                (1, from e in Types(depth - 1) from k in Gen.Choose(1, 3) select (AbiType)new FixedArrayType(e, k)),
                (1, from n in Gen.Choose(1, 4) from parts in Gen.ArrayOf(Types(depth - 1), n) select (AbiType)new TupleType(parts)));

    private static Gen<byte[]> ByteArray(int length) => Gen.ArrayOf(Bytes, length);

    private static Gen<object?> Values(AbiType type) => type switch
    {
        UIntType u => Integer(u.Bits, signed: false),
        IntType i => Integer(i.Bits, signed: true),
        FixedPointType f => Integer(f.Bits, f.Signed),
        AddressType => ByteArray(20).Select(b => (object?)new Address(b)),
        BoolType => Gen.Elements<object?>(true, false),
        FixedBytesType b => ByteArray(b.Size).Select(x => (object?)x),
        FunctionType => ByteArray(FunctionType.Size).Select(x => (object?)x),
        BytesType => Gen.Choose(0, 70).SelectMany(ByteArray).Select(x => (object?)x),
        StringType => Gen.ListOf(Gen.Elements(TextPieces)).Select(p => (object?)string.Concat(p)),
        ArrayType a => Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Values(a.Element), n)).Select(x => (object?)x),
        FixedArrayType a => Gen.ArrayOf(Values(a.Element), a.Length).Select(x => (object?)x),
        TupleType t => Gen.CollectToArray(t.Types.Select(Values)).Select(x => (object?)x),
        _ => throw new NotSupportedException(type.ToString()),
    };

    // Random magnitudes plus the range edges, where sign and padding mistakes show up.
    private static Gen<object?> Integer(int bits, bool signed)
    {
        var min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
        var max = (signed ? BigInteger.One << (bits - 1) : BigInteger.One << bits) - 1;
        return Gen.Frequency(
            (4, ByteArray(bits / 8).Select(b => (object?)new BigInteger(b, isUnsigned: !signed, isBigEndian: true))),
            (1, Gen.Elements<object?>(min, max, BigInteger.Zero, BigInteger.One)));
    }

    private static readonly Gen<(AbiType[] Types, object?[] Values)> Cases =
        from count in Gen.Choose(0, 4)
        from types in Gen.ArrayOf(Types(3), count)
        from values in Gen.CollectToArray(types.Select(Values))
        select (types, values);

    [Fact]
    public void DecodeOfEncode_RoundTripsRandomTypesAndValues()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var encoded = AbiEncoder.Encode(c.Types, c.Values);
            var decoded = AbiDecoder.Decode(c.Types, encoded);
            return DeepEquals(c.Values, decoded) && DeepEquals(c.Values, AbiDecoder.DecodeStrict(c.Types, encoded));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TypeStrings_RoundTripThroughParse()
    {
        Prop.ForAll(Types(4).ToArbitrary(), type => AbiType.Parse(type.CanonicalName) == type).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_RandomGarbage_OnlyThrowsAbiException()
    {
        var garbage =
            from types in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Types(3), n))
            from words in Gen.ArrayOf(Gen.OneOf(
                Gen.Choose(0, 200).Select(n => Word(n)),
                Gen.Elements(new string('f', 64), "8" + new string('0', 63), Word(int.MaxValue), Word(uint.MaxValue)),
                ByteArray(32).Select(Convert.ToHexStringLower)))
            from cut in Gen.Choose(0, 31)
            select (types, Hex(string.Concat(words))[..^Math.Min(cut, words.Length * 32)]);
        Prop.ForAll(garbage.ToArbitrary(), g => DecodeOnlyThrowsAbiException(g.types, g.Item2)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_MutatedValidEncodings_OnlyThrowsAbiException()
    {
        var mutated =
            from c in Cases
            from position in Gen.Choose(0, int.MaxValue)
            from flip in Gen.Choose(1, 255)
            select (c.Types, Mutate(AbiEncoder.Encode(c.Types, c.Values), position, (byte)flip));
        Prop.ForAll(mutated.ToArbitrary(), m => DecodeOnlyThrowsAbiException(m.Types, m.Item2)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_RejectsAnyChangeToPadding()
    {
        var padded =
            from type in Gen.OneOf(ValueTypes, Gen.Elements<AbiType>(AbiType.Bytes, AbiType.String))
            from value in Values(type)
            let encoded = AbiEncoder.Encode(type, value)
            let positions = PaddingPositions(type, encoded)
            where positions.Length > 0
            from index in Gen.Elements(positions)
            from flip in Gen.Choose(1, 255)
            select (type, Mutate(encoded, index, (byte)flip));
        Prop.ForAll(padded.ToArbitrary(), p =>
        {
            try
            {
                AbiDecoder.Decode(p.type, p.Item2);
                return false;
            }
            catch (AbiException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Packed_ElementaryValuesTakeTheirNaturalWidth()
    {
        var cases = from type in ValueTypes from value in Values(type) select (type, value);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var width = c.type switch
            {
                UIntType u => u.Bits / 8,
                IntType i => i.Bits / 8,
                FixedPointType f => f.Bits / 8,
                AddressType => 20,
                BoolType => 1,
                FixedBytesType b => b.Size,
                _ => FunctionType.Size,
            };
            var packed = AbiPacked.Encode([c.type], [c.value]);
            var word = AbiEncoder.Encode(c.type, c.value);
            var left = c.type is FixedBytesType or FunctionType;
            return packed.Length == width && packed.AsSpan().SequenceEqual(left ? word.AsSpan(0, width) : word.AsSpan(32 - width));
        }).QuickCheckThrowOnFailure();
    }

    private static bool DecodeOnlyThrowsAbiException(AbiType[] types, byte[] data)
    {
        try
        {
            AbiDecoder.Decode(types, data);
            return true;
        }
        catch (AbiException)
        {
            return true;
        }
    }

    private static byte[] Mutate(byte[] data, int position, byte flip)
    {
        var copy = (byte[])data.Clone();
        if (copy.Length > 0)
        {
            copy[position % copy.Length] ^= flip;
        }

        return copy;
    }

    /// <summary>Byte positions that carry no information in a single value's encoding: any change must be rejected.</summary>
    private static int[] PaddingPositions(AbiType type, byte[] encoded)
    {
        switch (type)
        {
            case UIntType u:
                return Enumerable.Range(0, 32 - (u.Bits / 8)).ToArray();
            case IntType i:
                return Enumerable.Range(0, 32 - (i.Bits / 8)).ToArray();
            case FixedPointType f:
                return Enumerable.Range(0, 32 - (f.Bits / 8)).ToArray();
            case AddressType:
                return Enumerable.Range(0, 12).ToArray();
            case BoolType:
                return Enumerable.Range(0, 31).ToArray();
            case FixedBytesType b:
                return Enumerable.Range(b.Size, 32 - b.Size).ToArray();
            case FunctionType:
                return Enumerable.Range(FunctionType.Size, 32 - FunctionType.Size).ToArray();
            default:
            {
                // bytes/string: high bytes of the offset and length words, then the right padding of the contents.
                var length = (int)new BigInteger(encoded.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
                return Enumerable.Range(0, 28).Concat(Enumerable.Range(32, 28)).Concat(Enumerable.Range(64 + length, encoded.Length - 64 - length)).ToArray();
            }
        }
    }
}
