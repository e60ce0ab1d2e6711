using System.Buffers;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// Non-standard packed mode (<c>abi.encodePacked</c>, ethers' <c>solidityPacked</c>): elementary values take their
/// natural width with no padding (uint16 → 2 bytes, address → 20, bool → 1, bytesN → N), bytes and string are
/// written raw without length, and array elements are each padded to 32 bytes with no length prefix. Arrays of
/// arrays are flattened the same way (as ethers does). Tuples and arrays of bytes/string have no well-defined
/// packed form and are rejected.
/// </summary>
public static class AbiPacked
{
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        AbiEncoder.CheckCount(types.Count, values.Count, "values");
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < types.Count; i++)
        {
            Write(types[i], values[i], output, inArray: false);
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Write(AbiType type, object? value, ArrayBufferWriter<byte> output, bool inArray)
    {
        switch (type)
        {
            case TupleType:
                throw new AbiException($"Packed encoding does not support tuples ({type.CanonicalName}).");
            case BytesType or StringType when inArray:
                throw new AbiException($"Packed encoding does not support arrays of dynamic types ({type.CanonicalName}).");
            case BytesType:
                output.Write(AbiValues.ToBytes(value, type).Span);
                return;
            case StringType:
                output.Write(AbiValues.ToUtf8(value, type));
                return;
            case ArrayType array:
                WriteElements(array.Element, ValueList.From(value, type), output);
                return;
            case FixedArrayType fixedArray:
            {
                var list = ValueList.From(value, type);
                AbiEncoder.CheckCount(fixedArray.Length, list.Count, type);
                WriteElements(fixedArray.Element, list, output);
                return;
            }
        }

        // Value types: build the standard 32-byte word, then keep the part that carries the value.
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        AbiEncoder.WriteWord(type, value, word);
        if (inArray)
        {
            output.Write(word);
            return;
        }

        output.Write(type switch
        {
            UIntType u => word[(32 - (u.Bits / 8))..],
            IntType i => word[(32 - (i.Bits / 8))..],
            FixedPointType f => word[(32 - (f.Bits / 8))..],
            AddressType => word[12..],
            BoolType => word[31..],
            FixedBytesType b => word[..b.Size],
            FunctionType => word[..FunctionType.Size],
            _ => throw new InvalidOperationException($"Unexpected type {type}."),
        });
    }

    private static void WriteElements(AbiType element, ValueList list, ArrayBufferWriter<byte> output)
    {
        for (var i = 0; i < list.Count; i++)
        {
            Write(element, list[i], output, inArray: true);
        }
    }
}
