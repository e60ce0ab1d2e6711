using System.Text.Json;
using System.Text.Json.Serialization;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>Writes a <see cref="SiloAddress"/> in its stored text form ("endpoint@generation").</summary>
internal sealed class SiloAddressJsonConverter : JsonConverter<SiloAddress>
{
    public override SiloAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => SiloAddressText.TryParse(reader.GetString(), out var silo) ? silo : throw new JsonException("Not a silo address.");

    public override void Write(Utf8JsonWriter writer, SiloAddress value, JsonSerializerOptions options)
        => writer.WriteStringValue(SiloAddressText.Format(value));
}
