using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>
/// Call cancellation does not cross silos (Orleans' default too): a <see cref="CancellationToken"/> argument travels
/// as null and arrives as <see cref="CancellationToken.None"/>.
/// </summary>
internal sealed class CancellationTokenJsonConverter : JsonConverter<CancellationToken>
{
    public override bool HandleNull => true;

    public override CancellationToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Null)
        {
            throw new JsonException("A cancellation token argument must be null on the wire.");
        }

        return CancellationToken.None;
    }

    public override void Write(Utf8JsonWriter writer, CancellationToken value, JsonSerializerOptions options) => writer.WriteNullValue();
}
