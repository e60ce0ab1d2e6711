using System.Buffers;

namespace Hemi.Ethereum.Abi;

/// <summary>
/// The "in-place" encoding hashed for indexed event parameters: value types as their 32-byte word, bytes and
/// string as raw contents, arrays and structs as the concatenation of their members' encodings, each padded to a
/// multiple of 32 bytes, with no lengths or offsets.
/// </summary>
internal static class AbiInPlaceEncoder
{
    public static void Write(AbiType type, object? value, IBufferWriter<byte> output, bool padded)
    {
        switch (type)
        {
            case BytesType:
                WriteRaw(AbiValues.ToBytes(value, type).Span, output, padded);
                break;
            case StringType:
                WriteRaw(AbiValues.ToUtf8(value, type), output, padded);
                break;
            case ArrayType array:
            {
                var list = ValueList.From(value, type);
                for (var i = 0; i < list.Count; i++)
                {
                    Write(array.Element, list[i], output, padded: true);
                }

                break;
            }

            case FixedArrayType fixedArray:
            {
                var list = ValueList.From(value, type);
                AbiEncoder.CheckCount(fixedArray.Length, list.Count, type);
                for (var i = 0; i < list.Count; i++)
                {
                    Write(fixedArray.Element, list[i], output, padded: true);
                }

                break;
            }

            case TupleType tuple:
            {
                var list = ValueList.From(value, type);
                AbiEncoder.CheckCount(tuple.Types.Count, list.Count, type);
                for (var i = 0; i < list.Count; i++)
                {
                    Write(tuple.Types[i], list[i], output, padded: true);
                }

                break;
            }

            default:
            {
                var word = output.GetSpan(32)[..32];
                word.Clear();
                AbiEncoder.WriteWord(type, value, word);
                output.Advance(32);
                break;
            }
        }
    }

    private static void WriteRaw(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output, bool padded)
    {
        var length = padded ? (bytes.Length + 31) & ~31 : bytes.Length;
        var span = output.GetSpan(length)[..length];
        span.Clear();
        bytes.CopyTo(span);
        output.Advance(length);
    }
}
