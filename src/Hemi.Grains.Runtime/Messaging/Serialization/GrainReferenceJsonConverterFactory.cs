using System.Text.Json;
using System.Text.Json.Serialization;
using Hemi.Grains.Runtime.Core;

namespace Hemi.Grains.Runtime.Messaging.Serialization;

/// <summary>
/// Grain references (any grain-interface-typed value) travel as <c>{"id":"type/key","interface":"Full.Name"}</c> and
/// become live proxies of the receiving runtime. The interface name is used only when the static type does not name
/// a grain interface (e.g. <see cref="IAddressable"/>), and only interfaces known to the receiving manifest resolve.
/// </summary>
internal sealed class GrainReferenceJsonConverterFactory(Func<string, Type?> resolveInterface, IGrainReferenceFactory? references) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert)
        => typeof(GrainReference).IsAssignableFrom(typeToConvert)
        || (typeToConvert.IsInterface && typeof(IAddressable).IsAssignableFrom(typeToConvert));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), this)!;

    private object Create(Type staticType, GrainId id, string? interfaceName)
    {
        if (references is null)
        {
            throw new NotSupportedException("This codec has no grain factory, so grain reference arguments cannot be decoded.");
        }

        Type? grainInterface = IsSpecificGrainInterface(staticType) ? staticType : null;
        if (grainInterface is null && interfaceName is not null)
        {
            grainInterface = resolveInterface(interfaceName);
        }

        if (grainInterface is null)
        {
            throw new JsonException($"Grain interface '{interfaceName}' of a grain reference is not known here.");
        }

        return references.GetGrain(grainInterface, id);
    }

    private static bool IsSpecificGrainInterface(Type type)
        => type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain)
        && type != typeof(IGrainWithStringKey) && type != typeof(IGrainWithGuidKey) && type != typeof(IGrainWithIntegerKey)
        && type != typeof(IGrainWithGuidCompoundKey) && type != typeof(IGrainWithIntegerCompoundKey);

    private sealed class Converter<T>(GrainReferenceJsonConverterFactory owner) : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A grain reference must be an object.");
            }

            string? idText = null;
            string? interfaceName = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    throw new JsonException("Malformed grain reference.");
                }

                bool isId = reader.ValueTextEquals("id"u8);
                bool isInterface = reader.ValueTextEquals("interface"u8);
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || !(isId || isInterface))
                {
                    throw new JsonException("Malformed grain reference.");
                }

                if (isId)
                {
                    idText = reader.GetString();
                }
                else
                {
                    interfaceName = reader.GetString();
                }
            }

            if (!GrainId.TryParse(idText, out var id))
            {
                throw new JsonException("A grain reference needs an id of the form \"type/key\".");
            }

            var created = owner.Create(typeToConvert, id, interfaceName);
            return created is T typed ? typed : throw new JsonException($"The reference to {id} does not implement {typeToConvert}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
                return;
            }

            if (value is not GrainReference reference)
            {
                throw new NotSupportedException(
                    $"Only grain references can be passed as {typeof(T)} to another silo (not a {value.GetType()}); pass a reference from the grain factory.");
            }

            writer.WriteStartObject();
            writer.WriteString("id"u8, reference.GrainId.ToString());
            writer.WriteString("interface"u8, reference.Shared.InterfaceInfo.InterfaceName);
            writer.WriteEndObject();
        }
    }
}
