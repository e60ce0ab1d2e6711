using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>Little-endian writes for encoded grain calls, with the same string bounds the reader enforces.</summary>
internal static class WireWriter
{
    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteUInt16(IBufferWriter<byte> writer, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    public static void WriteUInt32(IBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public static void WriteInt32(IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    /// <summary>u16 length + UTF-8; throws <see cref="ArgumentException"/> beyond <paramref name="maxBytes"/>.</summary>
    public static void WriteString16(IBufferWriter<byte> writer, string value, int maxBytes, string what)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > maxBytes)
        {
            throw new ArgumentException($"The {what} has {length} bytes; at most {maxBytes} can be sent.");
        }

        WriteUInt16(writer, (ushort)length);
        Encoding.UTF8.GetBytes(value, writer);
    }

    /// <summary>u32 length + UTF-8, cut (on a character boundary) to at most <paramref name="maxBytes"/>.</summary>
    public static void WriteString32Truncated(IBufferWriter<byte> writer, string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            // Cut by characters until it fits; a surrogate pair is never split.
            int chars = Math.Min(value.Length, maxBytes / 3);
            if (chars > 0 && char.IsHighSurrogate(value[chars - 1]))
            {
                chars--;
            }

            value = value[..chars];
        }

        WriteUInt32(writer, (uint)Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, writer);
    }
}
