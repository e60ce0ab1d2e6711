using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hemi.Ethereum.Serialization;

/// <summary>
/// Writes a value as one JSON string, <c>0x</c> and lowercase hex of its canonical bytes, and reads it back through
/// the type's own decoder: the JSON form is the consensus encoding, and what the decoder rejects never gets in. For
/// grain calls that cross silos, where these types would otherwise be written as their public properties (a hash as
/// <c>{}</c>) and read back as zero. Malformed text or rejected bytes are a <see cref="JsonException"/>.
/// </summary>
public abstract class HexEncodedJsonConverter<T> : JsonConverter<T>
{
    /// <summary>Longest accepted text, in characters, so a hostile string costs bounded work before decoding.</summary>
    protected virtual int MaxTextLength => 2 + (2 * 16 * 1024 * 1024);

    /// <summary>The canonical bytes of <paramref name="value"/>.</summary>
    protected abstract ReadOnlySpan<byte> GetBytes(T value);

    /// <summary>Decodes canonical bytes; throws on anything the type rejects.</summary>
    protected abstract T Decode(ReadOnlySpan<byte> bytes);

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} is a 0x-prefixed hex string, not {reader.TokenType}.");
        }

        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (length > MaxTextLength)
        {
            throw new JsonException($"A {typeof(T).Name} is at most {MaxTextLength} characters; got {length}.");
        }

        string text = reader.GetString()!;
        if (text.Length < 2 || text[0] != '0' || text[1] != 'x' || text.Length % 2 != 0)
        {
            throw new JsonException($"A {typeof(T).Name} is 0x followed by an even number of hex digits.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException e)
        {
            throw new JsonException($"A {typeof(T).Name} is 0x followed by hex digits.", e);
        }

        try
        {
            return Decode(bytes);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new JsonException($"Not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var bytes = GetBytes(value);
        Span<char> text = bytes.Length <= 256 ? stackalloc char[2 + (2 * bytes.Length)] : new char[2 + (2 * bytes.Length)];
        text[0] = '0';
        text[1] = 'x';
        Convert.TryToHexStringLower(bytes, text[2..], out _);
        writer.WriteStringValue(text);
    }
}
