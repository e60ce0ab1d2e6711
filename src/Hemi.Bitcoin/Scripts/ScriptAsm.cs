using System.Globalization;
using System.Text;

namespace Hemi.Bitcoin.Scripts;

/// <summary>Converts scripts to and from the ASM notations of Bitcoin Core's test files and of bitcoinjs-lib.</summary>
public static class ScriptAsm
{
    /// <summary>Longest ASM string accepted; scripts are at most 10 000 bytes in consensus, so this is generous.</summary>
    public const int MaxAsmLength = 1 << 20;

    private const long MaxCoreNumber = 0xffffffffL;

    private static readonly char[] Separators = [' ', '\t', '\n', '\r'];

    /// <summary>Parses ASM text into script bytes; throws <see cref="BitcoinFormatException"/> on an unknown token.</summary>
    public static byte[] Parse(string asm, AsmDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(asm);
        if (asm.Length > MaxAsmLength)
        {
            throw new BitcoinFormatException("ASM text is too long.");
        }

        var builder = new ScriptBuilder();
        foreach (string token in asm.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (dialect == AsmDialect.BitcoinCore)
            {
                ParseCoreToken(token, builder);
            }
            else if (dialect == AsmDialect.BitcoinJs)
            {
                ParseBitcoinJsToken(token, builder);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(dialect));
            }
        }

        return builder.ToArray();
    }

    /// <summary>
    /// Formats script bytes as ASM. Bitcoin Core notation is lossless for any bytes (a malformed tail is written as raw <c>0x..</c>);
    /// bitcoinjs notation throws <see cref="BitcoinFormatException"/> for a malformed script.
    /// </summary>
    public static string Format(ReadOnlySpan<byte> script, AsmDialect dialect) => dialect switch
    {
        AsmDialect.BitcoinCore => FormatCore(script),
        AsmDialect.BitcoinJs => FormatBitcoinJs(script),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    private static void ParseCoreToken(string token, ScriptBuilder builder)
    {
        if (IsDecimal(token))
        {
            if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
                || number > MaxCoreNumber || number < -MaxCoreNumber)
            {
                throw new BitcoinFormatException("ASM number out of range.");
            }

            builder.Push(number);
        }
        else if (token.StartsWith("0x", StringComparison.Ordinal) && token.Length > 2)
        {
            var hex = token.AsSpan(2);
            if (hex.Length % 2 != 0 || !IsHex(hex))
            {
                throw new BitcoinFormatException("ASM 0x token is not an even number of hex digits.");
            }

            builder.AddRaw(Convert.FromHexString(hex));
        }
        else if (token.Length >= 2 && token[0] == '\'' && token[^1] == '\'')
        {
            builder.PushWithLengthPrefix(Encoding.UTF8.GetBytes(token[1..^1]));
        }
        else if (OpcodeNames.TryParse(token, out var opcode))
        {
            builder.Add(opcode);
        }
        else
        {
            throw new BitcoinFormatException("Unknown ASM token.");
        }
    }

    private static void ParseBitcoinJsToken(string token, ScriptBuilder builder)
    {
        if (token.StartsWith("OP_", StringComparison.Ordinal))
        {
            if (OpcodeNames.TryParse(token, out var opcode))
            {
                builder.Add(opcode);
                return;
            }

            if (token.StartsWith("OP_UNKNOWN_", StringComparison.Ordinal) && token.Length == 13 && IsHex(token.AsSpan(11)))
            {
                builder.Add((OpcodeType)Convert.FromHexString(token.AsSpan(11))[0]);
                return;
            }

            throw new BitcoinFormatException("Unknown ASM opcode.");
        }

        if (token.Length % 2 != 0 || !IsHex(token))
        {
            throw new BitcoinFormatException("ASM data token is not an even number of hex digits.");
        }

        // bitcoinjs compiles a one-byte push that an opcode can express as that opcode.
        builder.Push(Convert.FromHexString(token));
    }

    private static string FormatCore(ReadOnlySpan<byte> script)
    {
        var sb = new StringBuilder(script.Length * 3);
        int pos = 0;
        while (true)
        {
            int start = pos;
            if (!ScriptReader.TryReadOp(script, ref pos, out var opcode, out int dataOffset, out int dataLength, out bool malformed))
            {
                if (malformed)
                {
                    AppendSeparator(sb).Append("0x").Append(Convert.ToHexStringLower(script[start..]));
                }

                break;
            }

            AppendSeparator(sb);
            byte op = (byte)opcode;
            if (opcode == OpcodeType.OP_0)
            {
                sb.Append('0');
            }
            else if (opcode == OpcodeType.OP_1NEGATE)
            {
                sb.Append("-1");
            }
            else if (op >= (byte)OpcodeType.OP_1 && op <= (byte)OpcodeType.OP_16)
            {
                sb.Append(op - (byte)OpcodeType.OP_1 + 1);
            }
            else if (op <= (byte)OpcodeType.OP_PUSHDATA4)
            {
                sb.Append("0x").Append(Convert.ToHexStringLower(script[start..dataOffset]));
                if (dataLength > 0)
                {
                    sb.Append(" 0x").Append(Convert.ToHexStringLower(script.Slice(dataOffset, dataLength)));
                }
            }
            else if (OpcodeNames.IsNamed(opcode))
            {
                sb.Append(OpcodeNames.GetName(opcode).AsSpan(3));
            }
            else
            {
                sb.Append("0x").Append(op.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string FormatBitcoinJs(ReadOnlySpan<byte> script)
    {
        var sb = new StringBuilder(script.Length * 2);
        int pos = 0;
        while (true)
        {
            if (!ScriptReader.TryReadOp(script, ref pos, out var opcode, out int dataOffset, out int dataLength, out bool malformed))
            {
                if (malformed)
                {
                    throw new BitcoinFormatException("Script has a push that runs past its end.");
                }

                break;
            }

            AppendSeparator(sb);
            byte op = (byte)opcode;
            if (op <= (byte)OpcodeType.OP_PUSHDATA4)
            {
                var data = script.Slice(dataOffset, dataLength);
                if (data.Length == 0)
                {
                    sb.Append("OP_0");
                }
                else if (data.Length == 1 && data[0] >= 1 && data[0] <= 16)
                {
                    sb.Append("OP_").Append(data[0]);
                }
                else if (data.Length == 1 && data[0] == 0x81)
                {
                    sb.Append("OP_1NEGATE");
                }
                else
                {
                    sb.Append(Convert.ToHexStringLower(data));
                }
            }
            else if (OpcodeNames.IsNamed(opcode))
            {
                sb.Append(OpcodeNames.GetName(opcode));
            }
            else
            {
                sb.Append("OP_UNKNOWN_").Append(op.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static StringBuilder AppendSeparator(StringBuilder sb) => sb.Length > 0 ? sb.Append(' ') : sb;

    private static bool IsDecimal(string token)
    {
        int start = token[0] == '-' ? 1 : 0;
        if (token.Length <= start)
        {
            return false;
        }

        for (int i = start; i < token.Length; i++)
        {
            if (token[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
