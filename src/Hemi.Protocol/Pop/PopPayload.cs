using Hemi.Bitcoin.Scripts;
using Hemi.Protocol.Keystones;

namespace Hemi.Protocol.Pop;

/// <summary>
/// The PoP payload: ASCII <c>HEMI</c> followed by a 76-byte abbreviated keystone (80 bytes), carried in an
/// OP_RETURN output as <c>6a 4c 50 ‖ payload</c> (83 bytes). Mirrors heminetwork's <c>hemi/pop</c>.
/// </summary>
public static class PopPayload
{
    /// <summary>The magic prefix, "HEMI".</summary>
    public static ReadOnlySpan<byte> Magic => "HEMI"u8;

    /// <summary>Payload size: magic plus the abbreviated keystone.</summary>
    public const int PayloadSize = 4 + L2KeystoneAbrev.Size;

    /// <summary>Size of the canonical OP_RETURN script.</summary>
    public const int ScriptSize = 3 + PayloadSize;

    private const byte OpReturn = (byte)OpcodeType.OP_RETURN;
    private const byte OpPushData1 = (byte)OpcodeType.OP_PUSHDATA1;

    // The parser's own floor: anything shorter cannot even hold the magic plus a version byte.
    private const int MinimumPushLength = 5;

    /// <summary>The 80-byte payload for a keystone.</summary>
    public static byte[] Create(L2KeystoneAbrev keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        var payload = new byte[PayloadSize];
        Magic.CopyTo(payload);
        keystone.AsSpan().CopyTo(payload.AsSpan(4));
        return payload;
    }

    /// <summary>
    /// The 83-byte output script: OP_RETURN and one canonical push (OP_PUSHDATA1 0x50, as btcd's
    /// <c>ScriptBuilder.AddData</c> emits for 80 bytes).
    /// </summary>
    public static byte[] CreateScript(L2KeystoneAbrev keystone)
    {
        ArgumentNullException.ThrowIfNull(keystone);
        var script = new byte[ScriptSize];
        script[0] = OpReturn;
        script[1] = OpPushData1;
        script[2] = PayloadSize;
        Magic.CopyTo(script.AsSpan(3));
        keystone.AsSpan().CopyTo(script.AsSpan(7));
        return script;
    }

    /// <summary>
    /// Parses an output script as a PoP publication: OP_RETURN, then a data push of at least 5 bytes starting
    /// with <c>HEMI</c>, whose remainder is exactly a v1 abbreviated keystone. Any valid push form is accepted.
    /// </summary>
    /// <exception cref="PopPayloadException">The script is not a PoP publication; <see cref="PopPayloadException.Error"/> says why.</exception>
    public static L2KeystoneAbrev ParseScript(ReadOnlySpan<byte> script)
    {
        var error = TryParseScriptCore(script, out var keystone, out var payload);
        if (error != PopPayloadError.None)
        {
            throw new PopPayloadException(error, Describe(error, script, payload));
        }

        return keystone!;
    }

    /// <summary>Non-throwing <see cref="ParseScript"/>; the fast path used when scanning whole blocks.</summary>
    public static bool TryParseScript(ReadOnlySpan<byte> script, out L2KeystoneAbrev? keystone) =>
        TryParseScriptCore(script, out keystone, out _) == PopPayloadError.None;

    /// <summary>Non-throwing <see cref="ParseScript"/> that reports the rejection rule.</summary>
    public static bool TryParseScript(ReadOnlySpan<byte> script, out L2KeystoneAbrev? keystone, out PopPayloadError error)
    {
        error = TryParseScriptCore(script, out keystone, out _);
        return error == PopPayloadError.None;
    }

    /// <summary>Parses an 80-byte payload (magic plus keystone).</summary>
    public static L2KeystoneAbrev ParsePayload(ReadOnlySpan<byte> payload)
    {
        var error = ParsePayloadCore(payload, out var keystone);
        if (error != PopPayloadError.None)
        {
            throw new PopPayloadException(error, Describe(error, payload, payload));
        }

        return keystone!;
    }

    private static PopPayloadError TryParseScriptCore(ReadOnlySpan<byte> script, out L2KeystoneAbrev? keystone, out ReadOnlySpan<byte> payload)
    {
        keystone = null;
        payload = default;
        if (script.IsEmpty)
        {
            return PopPayloadError.Empty;
        }

        if (script[0] != OpReturn)
        {
            return PopPayloadError.NotOpReturn;
        }

        var pushError = ReadPush(script[1..], out payload);
        if (pushError != PopPayloadError.None)
        {
            return pushError;
        }

        return ParsePayloadCore(payload, out keystone);
    }

    private static PopPayloadError ParsePayloadCore(ReadOnlySpan<byte> payload, out L2KeystoneAbrev? keystone)
    {
        keystone = null;
        if (payload.Length < MinimumPushLength)
        {
            return PopPayloadError.PayloadTooShort;
        }

        if (!payload[..4].SequenceEqual(Magic))
        {
            return PopPayloadError.WrongMagic;
        }

        L2KeystoneAbrev.TryParse(payload[4..], out keystone, out var error);
        return error;
    }

    // Reads the first script token after OP_RETURN; it must be a data push (OP_0 counts, with no data).
    private static PopPayloadError ReadPush(ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> data)
    {
        data = default;
        var position = 0;
        if (!ScriptReader.TryReadOp(rest, ref position, out var opcode, out var offset, out var length, out var malformed))
        {
            return malformed ? PopPayloadError.MalformedPush : PopPayloadError.MissingPush;
        }

        if (opcode > OpcodeType.OP_PUSHDATA4)
        {
            return PopPayloadError.MissingPush;
        }

        data = rest.Slice(offset, length);
        return PopPayloadError.None;
    }

    private static string Describe(PopPayloadError error, ReadOnlySpan<byte> script, ReadOnlySpan<byte> payload) => error switch
    {
        PopPayloadError.Empty => "empty script",
        PopPayloadError.NotOpReturn => $"first opcode 0x{script[0]:x2} is not OP_RETURN",
        PopPayloadError.MissingPush => "OP_RETURN is not followed by a data push",
        PopPayloadError.MalformedPush => "the data push runs past the end of the script",
        PopPayloadError.PayloadTooShort => $"PoP payload of {payload.Length} bytes is shorter than {MinimumPushLength}",
        PopPayloadError.WrongMagic => "PoP payload does not start with \"HEMI\"",
        _ => L2KeystoneAbrev.DescribeError(error, payload.Length >= 4 ? payload[4..] : payload),
    };
}
