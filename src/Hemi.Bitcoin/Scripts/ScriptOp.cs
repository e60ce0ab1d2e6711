namespace Hemi.Bitcoin.Scripts;

/// <summary>One decoded script operation: the opcode, the pushed data (empty for non-push opcodes) and where it sits in the script.</summary>
public readonly struct ScriptOp
{
    /// <summary>Creates an operation record.</summary>
    public ScriptOp(OpcodeType opcode, ReadOnlyMemory<byte> data, int offset, int encodedLength)
    {
        Opcode = opcode;
        Data = data;
        Offset = offset;
        EncodedLength = encodedLength;
    }

    /// <summary>The opcode byte; 0x01..0x4b are direct pushes of that many bytes.</summary>
    public OpcodeType Opcode { get; }

    /// <summary>Bytes pushed by a push opcode (0x00..OP_PUSHDATA4); empty otherwise.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Byte offset of the opcode in the script.</summary>
    public int Offset { get; }

    /// <summary>Bytes the operation occupies in the script (opcode, length prefix and data).</summary>
    public int EncodedLength { get; }

    /// <summary>True for OP_0, direct pushes and OP_PUSHDATA1/2/4 (the opcodes that carry data).</summary>
    public bool IsPush => (byte)Opcode <= (byte)OpcodeType.OP_PUSHDATA4;

    /// <summary>Whether this push uses the shortest encoding for its data (Bitcoin Core's CheckMinimalPush); true for non-push opcodes.</summary>
    public bool IsMinimalPush => !IsPush || Script.CheckMinimalPush(Data.Span, Opcode);

    /// <inheritdoc/>
    public override string ToString() => IsPush ? $"{OpcodeNames.GetName(Opcode)} [{Data.Length}]" : OpcodeNames.GetName(Opcode);
}
