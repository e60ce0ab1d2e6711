using System.Buffers.Binary;

namespace Hemi.Bitcoin.Scripts;

/// <summary>Builds script bytes; <see cref="Push(ReadOnlySpan{byte})"/> and <see cref="Push(long)"/> always emit the minimal encoding.</summary>
public sealed class ScriptBuilder
{
    private readonly List<byte> _bytes = [];

    /// <summary>Bytes written so far.</summary>
    public int Length => _bytes.Count;

    /// <summary>Appends an opcode.</summary>
    public ScriptBuilder Add(OpcodeType opcode)
    {
        _bytes.Add((byte)opcode);
        return this;
    }

    /// <summary>Pushes data minimally: OP_0 for empty, OP_1..OP_16 and OP_1NEGATE for those single bytes, else the shortest length prefix.</summary>
    public ScriptBuilder Push(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return Add(OpcodeType.OP_0);
        }

        if (data.Length == 1 && data[0] >= 1 && data[0] <= 16)
        {
            return Add((OpcodeType)((byte)OpcodeType.OP_1 + data[0] - 1));
        }

        if (data.Length == 1 && data[0] == 0x81)
        {
            return Add(OpcodeType.OP_1NEGATE);
        }

        return PushWithLengthPrefix(data);
    }

    /// <summary>
    /// Pushes data with the shortest length prefix but never substitutes an OP_n opcode for a single byte
    /// (Bitcoin Core's <c>CScript &lt;&lt; std::vector</c>); an empty push is OP_0.
    /// </summary>
    public ScriptBuilder PushWithLengthPrefix(ReadOnlySpan<byte> data)
    {
        if (data.Length < (int)OpcodeType.OP_PUSHDATA1)
        {
            _bytes.Add((byte)data.Length);
        }
        else if (data.Length <= 0xff)
        {
            _bytes.Add((byte)OpcodeType.OP_PUSHDATA1);
            _bytes.Add((byte)data.Length);
        }
        else if (data.Length <= 0xffff)
        {
            _bytes.Add((byte)OpcodeType.OP_PUSHDATA2);
            Span<byte> len = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)data.Length);
            _bytes.AddRange(len);
        }
        else
        {
            _bytes.Add((byte)OpcodeType.OP_PUSHDATA4);
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)data.Length);
            _bytes.AddRange(len);
        }

        _bytes.AddRange(data);
        return this;
    }

    /// <summary>Pushes a number: OP_0, OP_1NEGATE, OP_1..OP_16, otherwise its script-number encoding.</summary>
    public ScriptBuilder Push(long number)
    {
        if (number == 0)
        {
            return Add(OpcodeType.OP_0);
        }

        if (number == -1)
        {
            return Add(OpcodeType.OP_1NEGATE);
        }

        if (number >= 1 && number <= 16)
        {
            return Add((OpcodeType)((byte)OpcodeType.OP_1 + (int)number - 1));
        }

        return PushWithLengthPrefix(ScriptNum.Encode(number));
    }

    /// <summary>Appends raw bytes unchanged.</summary>
    public ScriptBuilder AddRaw(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>The bytes built so far.</summary>
    public byte[] ToArray() => [.. _bytes];

    /// <summary>The script built so far.</summary>
    public Script ToScript() => Script.FromOwnedBytes(ToArray());
}
