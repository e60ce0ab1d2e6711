using System.Buffers.Binary;

namespace Hemi.Bitcoin.Scripts;

/// <summary>Decodes operations one at a time from script bytes, the way Bitcoin Core's GetScriptOp does.</summary>
public static class ScriptReader
{
    /// <summary>
    /// Reads the operation at <paramref name="position"/> and advances past it. Returns false at the end of the script
    /// or when a push's length prefix or data runs past the end (then <paramref name="malformed"/> is true and the position is unchanged).
    /// </summary>
    public static bool TryReadOp(ReadOnlySpan<byte> script, ref int position, out OpcodeType opcode, out int dataOffset, out int dataLength, out bool malformed)
    {
        opcode = OpcodeType.OP_INVALIDOPCODE;
        dataOffset = 0;
        dataLength = 0;
        malformed = false;
        if ((uint)position >= (uint)script.Length)
        {
            return false;
        }

        int pos = position;
        byte op = script[pos++];
        long size = 0;
        if (op <= (byte)OpcodeType.OP_PUSHDATA4)
        {
            int remaining = script.Length - pos;
            if (op < (byte)OpcodeType.OP_PUSHDATA1)
            {
                size = op;
            }
            else if (op == (byte)OpcodeType.OP_PUSHDATA1)
            {
                if (remaining < 1)
                {
                    malformed = true;
                    return false;
                }

                size = script[pos];
                pos += 1;
            }
            else if (op == (byte)OpcodeType.OP_PUSHDATA2)
            {
                if (remaining < 2)
                {
                    malformed = true;
                    return false;
                }

                size = BinaryPrimitives.ReadUInt16LittleEndian(script[pos..]);
                pos += 2;
            }
            else
            {
                if (remaining < 4)
                {
                    malformed = true;
                    return false;
                }

                size = BinaryPrimitives.ReadUInt32LittleEndian(script[pos..]);
                pos += 4;
            }

            if (size > script.Length - pos)
            {
                malformed = true;
                return false;
            }
        }

        opcode = (OpcodeType)op;
        dataOffset = pos;
        dataLength = (int)size;
        position = pos + (int)size;
        return true;
    }
}
