using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// The codec and naming of directory blobs: one small JSON document per grain
/// (<c>{"schema":1,"grain":…,"silo":…,"activation":…,"membershipVersion":…}</c>), named after the grain id with
/// unsafe characters escaped (long ids by their SHA-256). Parsing is strict and bounded; anything unexpected is a
/// <see cref="GrainDirectoryFormatException"/>.
/// </summary>
public static class AzureBlobGrainDirectoryDocument
{
    /// <summary>The schema version written and accepted.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Largest accepted document.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    /// <summary>Escaped names longer than this are replaced by a hash.</summary>
    public const int MaxReadableNameLength = 512;

    private static readonly JsonDocumentOptions s_readOptions = new() { MaxDepth = 4 };

    /// <summary>
    /// The blob name of a grain within a cluster folder: letters, digits, '-', '_' and '.' are kept, every other UTF-8
    /// byte becomes <c>~XX</c>; ids whose escaped form is too long are named <c>~h{sha256}</c> (the document's grain
    /// field tells them apart).
    /// </summary>
    public static string GetBlobName(string clusterId, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var text = grainId.ToString();
        var bytes = Encoding.UTF8.GetBytes(text);
        var name = new StringBuilder(bytes.Length + 16);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                name.Append(c);
            }
            else
            {
                name.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            if (name.Length > MaxReadableNameLength)
            {
                return $"{clusterId}/~h{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
            }
        }

        return $"{clusterId}/{name}";
    }

    /// <summary>Serialises an entry.</summary>
    public static byte[] Serialize(GrainDirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", SchemaVersion);
            writer.WriteString("grain", entry.GrainId.ToString());
            writer.WriteString("silo", SiloAddressText.Format(entry.Address.SiloAddress));
            writer.WriteString("activation", entry.Address.ActivationId.Value.ToString("N"));
            writer.WriteNumber("membershipVersion", entry.MembershipVersion.Value);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses an entry and checks that it belongs to <paramref name="expected"/>.</summary>
    /// <exception cref="GrainDirectoryFormatException">The bytes are not a valid entry of that grain.</exception>
    public static GrainDirectoryEntry Parse(ReadOnlyMemory<byte> content, GrainId expected)
    {
        if (content.Length > MaxDocumentBytes)
        {
            throw new GrainDirectoryFormatException($"A directory entry has {content.Length} bytes (at most {MaxDocumentBytes}).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, s_readOptions);
        }
        catch (JsonException ex)
        {
            throw new GrainDirectoryFormatException($"A directory entry is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GrainDirectoryFormatException("A directory entry must be a JSON object.");
            }

            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Number ||
                !schema.TryGetInt32(out var schemaVersion) || schemaVersion != SchemaVersion)
            {
                throw new GrainDirectoryFormatException("Unsupported or missing directory entry schema.");
            }

            var grainText = GetString(root, "grain");
            if (!GrainId.TryParse(grainText, out var grainId) || grainId != expected)
            {
                throw new GrainDirectoryFormatException($"The directory entry names grain '{Truncate(grainText)}', not {expected}.");
            }

            var siloText = GetString(root, "silo");
            if (!SiloAddressText.TryParse(siloText, out var silo))
            {
                throw new GrainDirectoryFormatException($"'{Truncate(siloText)}' is not a silo address.");
            }

            var activationText = GetString(root, "activation");
            if (activationText.Length != 32 || !Guid.TryParseExact(activationText, "N", out var activation))
            {
                throw new GrainDirectoryFormatException($"'{Truncate(activationText)}' is not an activation id.");
            }

            if (!root.TryGetProperty("membershipVersion", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number ||
                !versionElement.TryGetInt64(out var version))
            {
                throw new GrainDirectoryFormatException("The directory entry's membershipVersion is missing or not an integer.");
            }

            return new GrainDirectoryEntry(new GrainAddress(grainId, silo, new ActivationId(activation)), new MembershipVersion(version));
        }
    }

    private static string GetString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new GrainDirectoryFormatException($"The directory entry's '{name}' is missing or not a string.");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // The parser validates structure, not the UTF-8 inside strings; decoding does.
            throw new GrainDirectoryFormatException($"The directory entry's '{name}' is not valid UTF-8.", ex);
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
