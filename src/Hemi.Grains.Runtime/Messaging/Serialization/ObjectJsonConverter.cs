using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>
/// Values declared as <see cref="object"/> keep their runtime type across silos when it is one of a fixed set of
/// primitives, written as <c>[tag, value]</c> (never a CLR type name from the wire). Other runtime types are refused.
/// </summary>
internal sealed class ObjectJsonConverter : JsonConverter<object>
{
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("An object-typed value must be a [tag, value] pair.");
        }

        string? tag = reader.GetString();
        if (!reader.Read())
        {
            throw new JsonException("Truncated object-typed value.");
        }

        object value = tag switch
        {
            "s" => reader.GetString() ?? throw new JsonException("Expected a string."),
            "b" => reader.GetBoolean(),
            "i" => reader.GetInt32(),
            "l" => reader.GetInt64(),
            "d" => reader.GetDouble(),
            "m" => reader.GetDecimal(),
            "g" => reader.GetGuid(),
            "t" => reader.GetDateTime(),
            "o" => reader.GetDateTimeOffset(),
            "y" => reader.GetBytesFromBase64(),
            "id" => GrainId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Expected a grain id."),
            _ => throw new JsonException($"Unknown object-typed value tag '{tag}'."),
        };

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("An object-typed value must be a [tag, value] pair.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        switch (value)
        {
            case string s: writer.WriteStringValue("s"); writer.WriteStringValue(s); break;
            case bool b: writer.WriteStringValue("b"); writer.WriteBooleanValue(b); break;
            case int i: writer.WriteStringValue("i"); writer.WriteNumberValue(i); break;
            case long l: writer.WriteStringValue("l"); writer.WriteNumberValue(l); break;
            case double d: writer.WriteStringValue("d"); writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteStringValue("m"); writer.WriteNumberValue(m); break;
            case Guid g: writer.WriteStringValue("g"); writer.WriteStringValue(g); break;
            case DateTime t: writer.WriteStringValue("t"); writer.WriteStringValue(t); break;
            case DateTimeOffset o: writer.WriteStringValue("o"); writer.WriteStringValue(o); break;
            case byte[] y: writer.WriteStringValue("y"); writer.WriteBase64StringValue(y); break;
            case GrainId id: writer.WriteStringValue("id"); writer.WriteStringValue(id.ToString()); break;
            default:
                throw new NotSupportedException(
                    $"A value of type {value.GetType()} declared as object cannot be sent to another silo; declare its type or use a primitive.");
        }

        writer.WriteEndArray();
    }
}
