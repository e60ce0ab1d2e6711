using System.Buffers.Binary;
using System.Text;

namespace Hemi.Grains.Runtime.Networking;

/// <summary>
/// The frame header section: the request context as
/// <c>count:u16 | { keyLength:u16 | key:UTF-8 | valueKind:u8 (0 null, 1 string, 2 bytes) | valueLength:i32 | value }*</c>.
/// An empty or absent context encodes as zero bytes (no header section at all). Keys are unique and ordinal.
/// </summary>
public static class RequestContextCodec
{
    private const byte NullValue = 0;
    private const byte StringValue = 1;
    private const byte BytesValue = 2;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoded size; throws <see cref="ArgumentException"/> for values that are not string, byte[] or null.</summary>
    public static int GetEncodedLength(IReadOnlyDictionary<string, object?>? context)
    {
        if (context is null || context.Count == 0)
        {
            return 0;
        }

        if (context.Count > ushort.MaxValue)
        {
            throw new ArgumentException("Too many request context entries.", nameof(context));
        }

        long length = 2;
        foreach (var (key, value) in context)
        {
            int keyBytes = StrictUtf8.GetByteCount(key);
            if (keyBytes > ushort.MaxValue)
            {
                throw new ArgumentException("A request context key is too long.", nameof(context));
            }

            length += 2 + keyBytes + 1 + 4 + value switch
            {
                null => 0,
                string s => StrictUtf8.GetByteCount(s),
                byte[] b => b.Length,
                _ => throw new ArgumentException($"Request context value of type {value.GetType()} for '{key}' cannot cross silos; use string or byte[].", nameof(context)),
            };
            if (length > int.MaxValue)
            {
                throw new ArgumentException("The request context is too large.", nameof(context));
            }
        }

        return (int)length;
    }

    /// <summary>Writes the context into exactly <see cref="GetEncodedLength"/> bytes.</summary>
    public static void Write(Span<byte> destination, IReadOnlyDictionary<string, object?>? context)
    {
        if (context is null || context.Count == 0)
        {
            return;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)context.Count);
        int offset = 2;
        foreach (var (key, value) in context)
        {
            int keyBytes = StrictUtf8.GetBytes(key, destination[(offset + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], (ushort)keyBytes);
            offset += 2 + keyBytes;
            int valueBytes;
            switch (value)
            {
                case null:
                    destination[offset] = NullValue;
                    valueBytes = 0;
                    break;
                case string s:
                    destination[offset] = StringValue;
                    valueBytes = StrictUtf8.GetBytes(s, destination[(offset + 5)..]);
                    break;
                case byte[] b:
                    destination[offset] = BytesValue;
                    b.CopyTo(destination[(offset + 5)..]);
                    valueBytes = b.Length;
                    break;
                default:
                    throw new ArgumentException($"Unsupported request context value type {value.GetType()}.", nameof(context));
            }

            BinaryPrimitives.WriteInt32LittleEndian(destination[(offset + 1)..], valueBytes);
            offset += 5 + valueBytes;
        }
    }

    /// <summary>Parses a header section; every malformation is a <see cref="ConnectionFramingException"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < 2)
        {
            throw new ConnectionFramingException("Truncated request context count.");
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(source);
        if (count == 0)
        {
            throw new ConnectionFramingException("An empty request context must be encoded as no header section.");
        }

        // Each entry needs at least 7 bytes, which bounds the dictionary before it is sized.
        if (count > (source.Length - 2) / 7)
        {
            throw new ConnectionFramingException($"Request context claims {count} entries in {source.Length} bytes.");
        }

        var result = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        int offset = 2;
        try
        {
            for (int i = 0; i < count; i++)
            {
                int keyLength = ReadUInt16(source, ref offset);
                string key = StrictUtf8.GetString(Take(source, ref offset, keyLength));
                byte kind = Take(source, ref offset, 1)[0];
                int valueLength = BinaryPrimitives.ReadInt32LittleEndian(Take(source, ref offset, 4));
                if (valueLength < 0)
                {
                    throw new ConnectionFramingException($"Negative request context value length {valueLength}.");
                }

                var valueBytes = Take(source, ref offset, valueLength);
                object? value = kind switch
                {
                    NullValue when valueLength == 0 => null,
                    NullValue => throw new ConnectionFramingException("A null request context value has a length."),
                    StringValue => StrictUtf8.GetString(valueBytes),
                    BytesValue => valueBytes.ToArray(),
                    _ => throw new ConnectionFramingException($"Unknown request context value kind {kind}."),
                };
                if (!result.TryAdd(key, value))
                {
                    throw new ConnectionFramingException($"Duplicate request context key '{key}'.");
                }
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new ConnectionFramingException("Request context text is not valid UTF-8.", e);
        }

        if (offset != source.Length)
        {
            throw new ConnectionFramingException($"{source.Length - offset} bytes follow the request context.");
        }

        return result;
    }

    private static int ReadUInt16(ReadOnlySpan<byte> source, ref int offset) => BinaryPrimitives.ReadUInt16LittleEndian(Take(source, ref offset, 2));

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> source, ref int offset, int length)
    {
        if (length > source.Length - offset)
        {
            throw new ConnectionFramingException("Truncated request context.");
        }

        var slice = source.Slice(offset, length);
        offset += length;
        return slice;
    }
}
