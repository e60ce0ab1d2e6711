using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>
/// Grain-call form of a <see cref="BigInteger"/> (System.Text.Json has none: it would write the public properties and
/// read back zero): a JSON string of the invariant decimal digits, with a leading minus sign when negative. At most
/// <see cref="MaxDigits"/> digits, since parsing costs grow with the square of the length.
/// </summary>
internal sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    /// <summary>Longest accepted text (a 4096-bit magnitude has 1,234 digits).</summary>
    public const int MaxDigits = 1_300;

    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A big integer is a string of decimal digits, not {reader.TokenType}.");
        }

        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (length == 0 || length > MaxDigits + 1)
        {
            throw new JsonException($"A big integer has 1 to {MaxDigits} digits; got {length} characters.");
        }

        string text = reader.GetString()!;
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException("A big integer is decimal digits with an optional leading minus sign.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
