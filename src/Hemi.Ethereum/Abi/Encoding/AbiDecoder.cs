using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// Strict decoding of standard ABI data. Every offset and length is checked against the buffer before use,
/// all padding must be zero (including sign extension, address and bool high bytes, bytesN right padding),
/// and the total work is bounded by a budget proportional to the input size, so offsets that alias one another
/// cannot blow up time or memory. Any violation is an <see cref="AbiException"/>. Trailing bytes after the
/// encoding are ignored, as Solidity does.
/// </summary>
public static class AbiDecoder
{
    /// <summary>Decodes the parameter tuple <paramref name="types"/> from <paramref name="data"/>.</summary>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        long weight = 1;
        foreach (var type in types)
        {
            weight = SaturatingAdd(weight, Weight(type));
        }

        // Canonical data needs at most one full pass over the types per 32-byte word; aliasing offsets cannot exceed this.
        var budget = new Budget(SaturatingMultiply((data.Length / 32) + 1, weight));
        return DecodeSequence(types, null, types.Count, data, ref budget);
    }

    /// <summary>
    /// Decodes in the specification's strict encoding mode: besides every check of <see cref="Decode(IReadOnlyList{AbiType}, ReadOnlySpan{byte})"/>,
    /// offsets must be the smallest possible with tails in order and no overlap, and no bytes may follow the
    /// encoding — that is, <paramref name="data"/> must be exactly what <see cref="AbiEncoder"/> produces.
    /// </summary>
    public static object?[] DecodeStrict(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        var values = Decode(types, data);

        // Decoding is injective on canonical data, so re-encoding is the simplest complete canonicality check.
        if (!AbiEncoder.Encode(types, values).AsSpan().SequenceEqual(data))
        {
            throw new AbiException("The data is not in strict (canonical) encoding: offsets are not minimal or bytes trail the encoding.");
        }

        return values;
    }

    /// <summary>Decodes one value encoded as <c>abi.encode(value)</c>.</summary>
    public static object? Decode(AbiType type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Decode([type], data)[0];
    }

    /// <summary>Decodes a 32-byte word holding a value type (an indexed event topic, for instance).</summary>
    internal static object? DecodeWord(AbiType type, ReadOnlySpan<byte> word)
    {
        var budget = new Budget(1);
        return DecodeValue(type, word, ref budget);
    }

    private static object?[] DecodeSequence(IReadOnlyList<AbiType>? types, AbiType? repeated, int count, ReadOnlySpan<byte> region, ref Budget budget)
    {
        long headSize = 0;
        for (var i = 0; i < count; i++)
        {
            headSize += (types is null ? repeated! : types[i]).HeadSize;
            if (headSize > region.Length)
            {
                throw new AbiException($"Data truncated: the head needs at least {headSize} bytes but {region.Length} remain.");
            }
        }

        var values = new object?[count];
        var head = 0;
        for (var i = 0; i < count; i++)
        {
            var type = types is null ? repeated! : types[i];
            if (type.IsDynamic)
            {
                var offset = ReadSize(region.Slice(head, 32), "offset");
                if (offset > region.Length)
                {
                    throw new AbiException($"Offset {offset} points past the end of the data ({region.Length} bytes).");
                }

                values[i] = DecodeValue(type, region[offset..], ref budget);
                head += 32;
            }
            else
            {
                values[i] = DecodeValue(type, region[head..], ref budget);
                head += type.HeadSize;
            }
        }

        return values;
    }

    private static object? DecodeValue(AbiType type, ReadOnlySpan<byte> region, ref Budget budget)
    {
        budget.Charge(1);
        switch (type)
        {
            case BytesType:
                return ReadBytes(region, ref budget).ToArray();
            case StringType:
                try
                {
                    return AbiValues.StrictUtf8.GetString(ReadBytes(region, ref budget));
                }
                catch (DecoderFallbackException ex)
                {
                    throw new AbiException("A string value is not valid UTF-8.", ex);
                }

            case ArrayType array:
            {
                var count = ReadSize(Word(region), "array length");
                var body = region[32..];
                if ((long)count * array.Element.HeadSize > body.Length)
                {
                    throw new AbiException($"Array length {count} needs more data than the {body.Length} bytes remaining.");
                }

                budget.Charge(count);
                return DecodeSequence(null, array.Element, count, body, ref budget);
            }

            case FixedArrayType fixedArray:
                return DecodeSequence(null, fixedArray.Element, fixedArray.Length, region, ref budget);
            case TupleType tuple:
                return DecodeSequence(tuple.Types, null, tuple.Types.Count, region, ref budget);
            default:
                return DecodeValueWord(type, Word(region));
        }
    }

    private static object DecodeValueWord(AbiType type, ReadOnlySpan<byte> word)
    {
        switch (type)
        {
            case UIntType u:
                return ReadUnsigned(word, u.Bits, type);
            case IntType i:
                return ReadSigned(word, i.Bits, type);
            case FixedPointType f:
                return f.Signed ? ReadSigned(word, f.Bits, type) : ReadUnsigned(word, f.Bits, type);
            case AddressType:
                RequireZero(word[..12], type, "high bytes");
                return new Address(word[12..]);
            case BoolType:
                RequireZero(word[..31], type, "high bytes");
                return word[31] switch
                {
                    0 => false,
                    1 => true,
                    _ => throw new AbiException($"A bool word must be 0 or 1, not {word[31]}."),
                };
            case FixedBytesType fixedBytes:
                RequireZero(word[fixedBytes.Size..], type, "right padding");
                return word[..fixedBytes.Size].ToArray();
            case FunctionType:
                RequireZero(word[FunctionType.Size..], type, "right padding");
                return word[..FunctionType.Size].ToArray();
            default:
                throw new InvalidOperationException($"Unexpected type {type}.");
        }
    }

    private static BigInteger ReadUnsigned(ReadOnlySpan<byte> word, int bits, AbiType type)
    {
        var start = 32 - (bits / 8);
        RequireZero(word[..start], type, "high bytes");
        var value = word[start..];
        if (value.Length >= 8 && value[..^8].IndexOfAnyExcept((byte)0) < 0)
        {
            return BinaryPrimitives.ReadUInt64BigEndian(value[^8..]);
        }

        return new BigInteger(value, isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger ReadSigned(ReadOnlySpan<byte> word, int bits, AbiType type)
    {
        var start = 32 - (bits / 8);
        var extension = (word[start] & 0x80) != 0 ? (byte)0xFF : (byte)0;
        if (word[..start].IndexOfAnyExcept(extension) >= 0)
        {
            throw new AbiException($"A {type.CanonicalName} word is not correctly sign-extended.");
        }

        return new BigInteger(word[start..], isUnsigned: false, isBigEndian: true);
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> region, ref Budget budget)
    {
        var length = ReadSize(Word(region), "byte length");
        var padded = ((long)length + 31) & ~31L;
        if (32 + padded > region.Length)
        {
            throw new AbiException($"Byte string of length {length} (padded {padded}) runs past the end of the data.");
        }

        budget.Charge(padded / 32);
        var content = region.Slice(32, (int)padded);
        if (content[length..].IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new AbiException("Non-zero padding after a bytes or string value.");
        }

        return content[..length];
    }

    /// <summary>Reads an offset or length word, which must fit comfortably in an int.</summary>
    private static int ReadSize(ReadOnlySpan<byte> word, string what)
    {
        if (word[..28].IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new AbiException($"The {what} does not fit in the data.");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
        if (value > int.MaxValue)
        {
            throw new AbiException($"The {what} {value} does not fit in the data.");
        }

        return (int)value;
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> region) =>
        region.Length >= 32 ? region[..32] : throw new AbiException($"Data truncated: a 32-byte word is needed but {region.Length} bytes remain.");

    private static void RequireZero(ReadOnlySpan<byte> padding, AbiType type, string what)
    {
        if (padding.IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new AbiException($"Non-zero {what} in a {type.CanonicalName} word.");
        }
    }

    /// <summary>Decoding cost of one value ignoring dynamic contents: the number of nodes in its static structure.</summary>
    private static long Weight(AbiType type) => type switch
    {
        ArrayType array => SaturatingAdd(1, Weight(array.Element)),
        FixedArrayType fixedArray => SaturatingAdd(1, SaturatingMultiply(fixedArray.Length, Weight(fixedArray.Element))),
        TupleType tuple => tuple.Types.Aggregate(1L, (sum, t) => SaturatingAdd(sum, Weight(t))),
        _ => 1,
    };

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue / 2 || b > long.MaxValue / 2 ? long.MaxValue / 2 : a + b;

    private static long SaturatingMultiply(long a, long b) => a != 0 && b > (long.MaxValue / 2) / a ? long.MaxValue / 2 : a * b;

    /// <summary>Remaining decoding work; exhausted only by data whose offsets alias to amplify work.</summary>
    private struct Budget(long units)
    {
        private long _remaining = units;

        public void Charge(long units)
        {
            _remaining -= units;
            if (_remaining < 0)
            {
                throw new AbiException("The encoding expands to far more values than its size allows (aliased offsets?).");
            }
        }
    }
}
