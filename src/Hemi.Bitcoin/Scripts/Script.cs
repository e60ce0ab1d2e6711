namespace Hemi.Bitcoin.Scripts;

/// <summary>An immutable Bitcoin script: its raw bytes, with operation enumeration, push-only and minimal-push checks and ASM conversion.</summary>
public sealed class Script : IEquatable<Script>
{
    private readonly byte[] _bytes;

    /// <summary>Copies the given bytes into a new script.</summary>
    public Script(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
    }

    private Script(byte[] bytes, bool _)
    {
        _bytes = bytes;
    }

    /// <summary>The empty script.</summary>
    public static Script Empty { get; } = new([], false);

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>The raw bytes as memory (for slices kept beyond a stack frame).</summary>
    public ReadOnlyMemory<byte> Memory => _bytes;

    /// <summary>Length in bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>Operations in order; enumeration throws <see cref="BitcoinFormatException"/> at a truncated push.</summary>
    public ScriptOpEnumerator Ops => new(_bytes);

    /// <summary>True when every operation is a push (opcode ≤ OP_16, as Bitcoin Core counts it) and the script is well formed.</summary>
    public bool IsPushOnly => IsPushOnlyScript(_bytes);

    /// <summary>True when every push decodes (no truncated push data).</summary>
    public bool IsWellFormed
    {
        get
        {
            int pos = 0;
            bool malformed;
            while (ScriptReader.TryReadOp(_bytes, ref pos, out _, out _, out _, out malformed))
            {
            }

            return !malformed;
        }
    }

    /// <summary>Wraps bytes without copying; the caller must not change them afterwards.</summary>
    public static Script FromOwnedBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new Script(bytes, false);
    }

    /// <summary>Parses an ASM string in the given notation.</summary>
    public static Script ParseAsm(string asm, AsmDialect dialect) => FromOwnedBytes(ScriptAsm.Parse(asm, dialect));

    /// <summary>A copy of the raw bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Formats the script as ASM in the given notation.</summary>
    public string ToAsm(AsmDialect dialect) => ScriptAsm.Format(_bytes, dialect);

    /// <summary>Lowercase hex of the script bytes.</summary>
    public string ToHex() => Convert.ToHexStringLower(_bytes);

    /// <summary>Push-only check over raw bytes (Bitcoin Core's CScript::IsPushOnly: false on a malformed push).</summary>
    public static bool IsPushOnlyScript(ReadOnlySpan<byte> script)
    {
        int pos = 0;
        while (ScriptReader.TryReadOp(script, ref pos, out var opcode, out _, out _, out _))
        {
            if ((byte)opcode > (byte)OpcodeType.OP_16)
            {
                return false;
            }
        }

        return pos == script.Length;
    }

    /// <summary>
    /// Bitcoin Core's CheckMinimalPush: whether <paramref name="opcode"/> is the shortest way to push <paramref name="data"/>
    /// (OP_0 for empty, OP_1..OP_16 / OP_1NEGATE for those single bytes, a direct push up to 75 bytes, then PUSHDATA1/2).
    /// Opcodes that push nothing (OP_RESERVED, above OP_16) pass.
    /// </summary>
    public static bool CheckMinimalPush(ReadOnlySpan<byte> data, OpcodeType opcode)
    {
        byte op = (byte)opcode;
        if (op > (byte)OpcodeType.OP_16 || opcode == OpcodeType.OP_RESERVED)
        {
            return true;
        }

        if (data.Length == 0)
        {
            return opcode == OpcodeType.OP_0;
        }

        if (data.Length == 1 && data[0] >= 1 && data[0] <= 16)
        {
            return op == (byte)OpcodeType.OP_1 + data[0] - 1;
        }

        if (data.Length == 1 && data[0] == 0x81)
        {
            return opcode == OpcodeType.OP_1NEGATE;
        }

        if (data.Length <= 75)
        {
            return op == data.Length;
        }

        if (data.Length <= 255)
        {
            return opcode == OpcodeType.OP_PUSHDATA1;
        }

        if (data.Length <= 65535)
        {
            return opcode == OpcodeType.OP_PUSHDATA2;
        }

        return true;
    }

    /// <summary>Whether every push in the script is minimal; false for a malformed script.</summary>
    public bool HasOnlyMinimalPushes()
    {
        int pos = 0;
        bool malformed;
        while (ScriptReader.TryReadOp(_bytes, ref pos, out var opcode, out int offset, out int length, out malformed))
        {
            if (!CheckMinimalPush(_bytes.AsSpan(offset, length), opcode))
            {
                return false;
            }
        }

        return !malformed;
    }

    /// <inheritdoc/>
    public bool Equals(Script? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Script);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>Bitcoin Core test-file ASM.</summary>
    public override string ToString() => ToAsm(AsmDialect.BitcoinCore);
}
