using System.Buffers.Binary;
using System.Numerics;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// Standard (non-packed) ABI encoding, as for <c>abi.encode</c> and call data: a head of static values and
/// offsets followed by the tails of dynamic values. Values follow the conventions documented on <see cref="AbiType"/>.
/// </summary>
public static class AbiEncoder
{
    /// <summary>Encodes <paramref name="values"/> as the parameter tuple <paramref name="types"/>.</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        return EncodeWithPrefix([], types, values);
    }

    /// <summary>Encodes one value as <c>abi.encode(value)</c> does: a one-element parameter tuple.</summary>
    public static byte[] Encode(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Encode([type], [value]);
    }

    /// <summary>Writes <c>prefix ‖ encode(types, values)</c>, as call data and revert data need.</summary>
    internal static byte[] EncodeWithPrefix(ReadOnlySpan<byte> prefix, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        var list = ValueList.Of(values);
        CheckCount(types.Count, list.Count, "parameters");

        // Two passes: measure every dynamic value once (sizes recorded in pre-order), then write into an exact buffer.
        var sizes = new List<int>();
        var size = MeasureSequence(types, null, list, sizes);
        if (size > Array.MaxLength - prefix.Length)
        {
            throw new AbiException("The encoding is too large.");
        }

        var output = new byte[prefix.Length + size];
        prefix.CopyTo(output);
        var cursor = 0;
        WriteSequence(types, null, list, output.AsSpan(prefix.Length), sizes, ref cursor);
        return output;
    }

    /// <summary>Writes one 32-byte word holding a value type (used for event topics too).</summary>
    internal static void WriteWord(AbiType type, object? value, Span<byte> word)
    {
        switch (type)
        {
            case UIntType or IntType or FixedPointType:
                WriteInteger(AbiValues.ToCheckedInteger(value, type), word);
                break;
            case AddressType:
                AbiValues.ToAddress(value, type).AsSpan().CopyTo(word[12..]);
                break;
            case BoolType:
                word[31] = AbiValues.ToBool(value, type) ? (byte)1 : (byte)0;
                break;
            case FixedBytesType fixedBytes:
                AbiValues.ToFixedBytes(value, type, fixedBytes.Size).Span.CopyTo(word);
                break;
            case FunctionType:
                AbiValues.ToFixedBytes(value, type, FunctionType.Size).Span.CopyTo(word);
                break;
            default:
                throw new InvalidOperationException($"{type} is not a value type.");
        }
    }

    /// <summary>Big-endian two's complement, sign-extended to the word; the caller has range-checked.</summary>
    internal static void WriteInteger(BigInteger value, Span<byte> word)
    {
        if (value.Sign >= 0 && value.GetBitLength() <= 64)
        {
            word[..24].Clear();
            BinaryPrimitives.WriteUInt64BigEndian(word[24..], (ulong)value);
            return;
        }

        var unsigned = value.Sign >= 0;
        word[..32].Fill(unsigned ? (byte)0 : (byte)0xFF);
        var length = value.GetByteCount(isUnsigned: unsigned);
        if (!value.TryWriteBytes(word[(32 - length)..32], out _, isUnsigned: unsigned, isBigEndian: true))
        {
            throw new AbiException($"Value {value} does not fit 256 bits.");
        }
    }

    internal static void CheckCount(int expected, int actual, string what)
    {
        if (expected != actual)
        {
            throw new AbiException($"Expected {expected} {what} but got {actual} values.");
        }
    }

    /// <summary>Element or component count check; the message is only built on failure.</summary>
    internal static void CheckCount(int expected, int actual, AbiType container)
    {
        if (expected != actual)
        {
            throw new AbiException($"{container.CanonicalName} needs {expected} values but got {actual}.");
        }
    }

    private static int Pad32(int length) => (int)(((long)length + 31) & ~31L);

    /// <summary>
    /// Size of a dynamic value's whole encoding (head and tail). Its slot in <paramref name="sizes"/> is reserved
    /// before its children are measured, so the writer can read the sizes back in the order it needs them.
    /// </summary>
    private static int Measure(AbiType type, object? value, List<int> sizes)
    {
        var slot = sizes.Count;
        sizes.Add(0);
        int size;
        switch (type)
        {
            case BytesType:
                size = Checked(32L + Pad32(AbiValues.ToBytes(value, type).Length));
                break;
            case StringType:
                size = Checked(32L + Pad32(AbiValues.Utf8Length(value, type)));
                break;
            case ArrayType array:
                size = Checked(32L + MeasureSequence(null, array.Element, ValueList.From(value, type), sizes));
                break;
            case FixedArrayType fixedArray:
            {
                var list = ValueList.From(value, type);
                CheckCount(fixedArray.Length, list.Count, type);
                size = MeasureSequence(null, fixedArray.Element, list, sizes);
                break;
            }

            case TupleType tuple:
            {
                var list = ValueList.From(value, type);
                CheckCount(tuple.Types.Count, list.Count, type);
                size = MeasureSequence(tuple.Types, null, list, sizes);
                break;
            }

            default:
                throw new InvalidOperationException($"Unexpected dynamic type {type}.");
        }

        sizes[slot] = size;
        return size;
    }

    private static int MeasureSequence(IReadOnlyList<AbiType>? types, AbiType? repeated, ValueList values, List<int> sizes)
    {
        long size = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var type = types is null ? repeated! : types[i];
            size += type.IsDynamic ? 32L + Measure(type, values[i], sizes) : type.HeadSize;
            if (size > Array.MaxLength)
            {
                throw new AbiException("The encoding is too large.");
            }
        }

        return (int)size;
    }

    private static int Checked(long size) =>
        size <= Array.MaxLength ? (int)size : throw new AbiException("The encoding is too large.");

    private static void WriteSequence(IReadOnlyList<AbiType>? types, AbiType? repeated, ValueList values, Span<byte> output, List<int> sizes, ref int cursor)
    {
        var head = 0;
        var tail = 0;
        for (var i = 0; i < values.Count; i++)
        {
            tail += (types is null ? repeated! : types[i]).HeadSize;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var type = types is null ? repeated! : types[i];
            var value = values[i];
            if (type.IsDynamic)
            {
                WriteInteger(tail, output.Slice(head, 32));
                var size = sizes[cursor++];
                Write(type, value, output.Slice(tail, size), sizes, ref cursor);
                tail += size;
                head += 32;
            }
            else
            {
                Write(type, value, output.Slice(head, type.HeadSize), sizes, ref cursor);
                head += type.HeadSize;
            }
        }
    }

    private static void Write(AbiType type, object? value, Span<byte> output, List<int> sizes, ref int cursor)
    {
        switch (type)
        {
            case BytesType:
                WriteBytes(AbiValues.ToBytes(value, type).Span, output);
                break;
            case StringType:
                WriteInteger(AbiValues.WriteUtf8(value, type, output[32..]), output);
                break;
            case ArrayType array:
            {
                var list = ValueList.From(value, type);
                WriteInteger(list.Count, output);
                WriteSequence(null, array.Element, list, output[32..], sizes, ref cursor);
                break;
            }

            case FixedArrayType fixedArray:
            {
                var list = ValueList.From(value, type);
                CheckCount(fixedArray.Length, list.Count, type);
                WriteSequence(null, fixedArray.Element, list, output, sizes, ref cursor);
                break;
            }

            case TupleType tuple:
            {
                var list = ValueList.From(value, type);
                CheckCount(tuple.Types.Count, list.Count, type);
                WriteSequence(tuple.Types, null, list, output, sizes, ref cursor);
                break;
            }

            default:
                WriteWord(type, value, output);
                break;
        }
    }

    private static void WriteBytes(ReadOnlySpan<byte> bytes, Span<byte> output)
    {
        WriteInteger(bytes.Length, output);
        bytes.CopyTo(output[32..]);
    }
}
