using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>Writes a <see cref="GrainId"/> as its "type/key" text (null for the default id).</summary>
internal sealed class GrainIdJsonConverter : JsonConverter<GrainId>
{
    public override bool HandleNull => true;

    public override GrainId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        var text = reader.GetString();
        return GrainId.TryParse(text, out var id) ? id : throw new JsonException("Not a grain id of the form \"type/key\".");
    }

    public override void Write(Utf8JsonWriter writer, GrainId value, JsonSerializerOptions options)
    {
        if (value.IsDefault)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
