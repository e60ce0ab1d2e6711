using System.Text.Json;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// Turns grain state into stored bytes and back: System.Text.Json inside a versioned envelope
/// <c>{"schema":1,"state":…}</c>. No CLR type names are ever written, so renaming a class does not
/// break stored data, and an unknown schema version or malformed JSON is a <see cref="GrainStorageException"/>,
/// never a silently defaulted state.
/// </summary>
public sealed class GrainStateSerializer
{
    /// <summary>The envelope version this code writes and the only one it reads.</summary>
    public const int CurrentSchemaVersion = 1;

    private const string SchemaProperty = "schema";
    private const string StateProperty = "state";

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 128 };

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer; <paramref name="options"/> defaults to <see cref="JsonSerializerDefaults.General"/>.</summary>
    public GrainStateSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);
    }

    /// <summary>The JSON options used for the state value.</summary>
    public JsonSerializerOptions Options => _options;

    /// <summary>Serializes <paramref name="state"/> into the UTF-8 envelope.</summary>
    /// <exception cref="GrainStorageException">The state cannot be serialized with the configured options.</exception>
    public byte[] Serialize<T>(T state)
    {
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber(SchemaProperty, CurrentSchemaVersion);
                writer.WritePropertyName(StateProperty);
                JsonSerializer.Serialize(writer, state, _options);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new GrainStorageException($"Grain state of type {typeof(T).Name} could not be serialized: {ex.Message}", ex);
        }
    }

    /// <summary>Reads an envelope written by <see cref="Serialize{T}(T)"/>.</summary>
    /// <returns>The state; <see langword="null"/> when the stored state was JSON null.</returns>
    /// <exception cref="GrainStorageException">Malformed JSON, a missing or unknown schema version, or a state that does not fit <typeparamref name="T"/>.</exception>
    public T? Deserialize<T>(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, s_documentOptions);
        }
        catch (JsonException ex)
        {
            throw new GrainStorageException($"Stored grain state is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GrainStorageException($"Stored grain state is a JSON {root.ValueKind}, expected the {{\"schema\":…,\"state\":…}} envelope.");
            }

            int? schema = null;
            JsonElement? state = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals(SchemaProperty))
                {
                    if (schema is not null)
                    {
                        throw new GrainStorageException("Stored grain state has a duplicate \"schema\" property.");
                    }

                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var version))
                    {
                        throw new GrainStorageException("Stored grain state has a non-integer \"schema\" property.");
                    }

                    schema = version;
                }
                else if (property.NameEquals(StateProperty))
                {
                    if (state is not null)
                    {
                        throw new GrainStorageException("Stored grain state has a duplicate \"state\" property.");
                    }

                    state = property.Value;
                }
            }

            if (schema is null)
            {
                throw new GrainStorageException("Stored grain state has no \"schema\" version.");
            }

            if (schema != CurrentSchemaVersion)
            {
                throw new GrainStorageException(
                    $"Stored grain state has schema version {schema}; this build reads version {CurrentSchemaVersion} only.");
            }

            if (state is null)
            {
                throw new GrainStorageException("Stored grain state has no \"state\" property.");
            }

            try
            {
                return state.Value.Deserialize<T>(_options);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
            {
                throw new GrainStorageException(
                    $"Stored grain state does not match type {typeof(T).Name}: {ex.Message}", ex);
            }
        }
    }
}
