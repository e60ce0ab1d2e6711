using System.ComponentModel;
using System.Text.Json;

namespace Hemi.Grains.Runtime.Messaging;

/// <summary>Reads the JSON argument array of an encoded grain call (used by generated request classes).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainCallArguments
{
    /// <summary>Moves to the opening '[' of the argument array.</summary>
    public static void ReadStart(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new GrainCallFormatException("The arguments must be a JSON array.");
        }
    }

    /// <summary>Reads the next argument by its declared type.</summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new GrainCallFormatException("Too few arguments.");
        }

        return JsonSerializer.Deserialize<T>(ref reader, options);
    }

    /// <summary>Checks that the array ends after the last argument.</summary>
    public static void ReadEnd(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new GrainCallFormatException("Too many arguments, or an unterminated argument array.");
        }
    }
}
