using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// The codec of the membership blob: the whole table (version number plus rows, each with its own row ETag) as one
/// JSON document with an explicit schema version. Parsing is strict and bounded: anything unexpected is a
/// <see cref="MembershipTableFormatException"/>.
/// </summary>
public static class AzureBlobMembershipDocument
{
    /// <summary>The schema version written and accepted.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Most rows accepted in one document.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Most votes accepted in one row.</summary>
    public const int MaxVotes = 64;

    /// <summary>Longest accepted string field (names, ETags).</summary>
    public const int MaxStringLength = 256;

    private static readonly JsonDocumentOptions s_readOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Serialises a table.</summary>
    public static byte[] Serialize(int version, IReadOnlyList<MembershipTableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new ArrayBufferWriter<byte>(256 + (rows.Count * 384));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", SchemaVersion);
            writer.WriteNumber("version", version);
            writer.WriteStartArray("rows");
            foreach (var row in rows)
            {
                var e = row.Entry;
                writer.WriteStartObject();
                writer.WriteString("etag", row.ETag);
                writer.WriteString("silo", SiloAddressText.Format(e.SiloAddress));
                writer.WriteString("status", e.Status.ToString());
                writer.WriteStartArray("votes");
                foreach (var vote in e.SuspectTimes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("voter", SiloAddressText.Format(vote.Voter));
                    writer.WriteString("time", FormatTime(vote.Time));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteNumber("proxyPort", e.ProxyPort);
                writer.WriteString("hostName", e.HostName);
                writer.WriteString("siloName", e.SiloName);
                writer.WriteString("startTime", FormatTime(e.StartTime));
                writer.WriteString("iAmAliveTime", FormatTime(e.IAmAliveTime));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a document into its version number and rows.</summary>
    /// <exception cref="MembershipTableFormatException">The bytes are not a valid membership document.</exception>
    public static (int Version, IReadOnlyList<MembershipTableRow> Rows) Parse(ReadOnlyMemory<byte> content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, s_readOptions);
        }
        catch (JsonException ex)
        {
            throw new MembershipTableFormatException($"The membership document is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            RequireKind(root, JsonValueKind.Object, "document");
            int schema = GetInt(root, "schema");
            if (schema != SchemaVersion)
            {
                throw new MembershipTableFormatException($"Unsupported membership schema {schema}.");
            }

            int version = GetInt(root, "version");
            if (version < 0)
            {
                throw new MembershipTableFormatException("The membership version is negative.");
            }

            var rowsElement = GetProperty(root, "rows");
            RequireKind(rowsElement, JsonValueKind.Array, "rows");
            int count = rowsElement.GetArrayLength();
            if (count > MaxRows)
            {
                throw new MembershipTableFormatException($"The membership document has {count} rows (at most {MaxRows}).");
            }

            var rows = new List<MembershipTableRow>(count);
            var seen = new HashSet<SiloAddress>();
            foreach (var rowElement in rowsElement.EnumerateArray())
            {
                var row = ParseRow(rowElement);
                if (!seen.Add(row.Entry.SiloAddress))
                {
                    throw new MembershipTableFormatException($"Silo {row.Entry.SiloAddress} appears twice in the membership document.");
                }

                rows.Add(row);
            }

            return (version, rows);
        }
    }

    /// <summary>Serialises a heartbeat (the IAmAlive time).</summary>
    public static byte[] SerializeHeartbeat(DateTimeOffset iAmAlive) => System.Text.Encoding.ASCII.GetBytes(FormatTime(iAmAlive));

    /// <summary>Parses a heartbeat.</summary>
    /// <exception cref="MembershipTableFormatException">The bytes are not a heartbeat.</exception>
    public static DateTimeOffset ParseHeartbeat(ReadOnlySpan<byte> content)
    {
        if (content.Length is 0 or > 64)
        {
            throw new MembershipTableFormatException($"A heartbeat has 1 to 64 bytes, not {content.Length}.");
        }

        Span<char> chars = stackalloc char[64];
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] > 0x7F)
            {
                throw new MembershipTableFormatException("A heartbeat is ASCII text.");
            }

            chars[i] = (char)content[i];
        }

        return ParseTime(new string(chars[..content.Length]), "heartbeat");
    }

    private static MembershipTableRow ParseRow(JsonElement row)
    {
        RequireKind(row, JsonValueKind.Object, "row");
        var etag = GetString(row, "etag");
        if (etag.Length == 0)
        {
            throw new MembershipTableFormatException("A membership row has an empty ETag.");
        }

        var silo = ParseSilo(GetString(row, "silo"), "silo");
        var statusText = GetString(row, "status");
        if (!Enum.TryParse<SiloStatus>(statusText, ignoreCase: false, out var status) ||
            status == SiloStatus.None || !string.Equals(status.ToString(), statusText, StringComparison.Ordinal))
        {
            throw new MembershipTableFormatException($"'{Truncate(statusText)}' is not a silo status.");
        }

        var votesElement = GetProperty(row, "votes");
        RequireKind(votesElement, JsonValueKind.Array, "votes");
        int voteCount = votesElement.GetArrayLength();
        if (voteCount > MaxVotes)
        {
            throw new MembershipTableFormatException($"A membership row has {voteCount} votes (at most {MaxVotes}).");
        }

        var votes = new List<SuspectVote>(voteCount);
        foreach (var voteElement in votesElement.EnumerateArray())
        {
            RequireKind(voteElement, JsonValueKind.Object, "vote");
            votes.Add(new SuspectVote(ParseSilo(GetString(voteElement, "voter"), "voter"), ParseTime(GetString(voteElement, "time"), "vote time")));
        }

        int proxyPort = GetInt(row, "proxyPort");
        if (proxyPort is < 0 or > 65535)
        {
            throw new MembershipTableFormatException($"Proxy port {proxyPort} is out of range.");
        }

        var entry = new MembershipEntry
        {
            SiloAddress = silo,
            Status = status,
            SuspectTimes = votes,
            ProxyPort = proxyPort,
            HostName = GetString(row, "hostName"),
            SiloName = GetString(row, "siloName"),
            StartTime = ParseTime(GetString(row, "startTime"), "start time"),
            IAmAliveTime = ParseTime(GetString(row, "iAmAliveTime"), "IAmAlive time"),
        };
        return new MembershipTableRow(entry, etag);
    }

    private static SiloAddress ParseSilo(string text, string what) =>
        SiloAddressText.TryParse(text, out var silo)
            ? silo
            : throw new MembershipTableFormatException($"'{Truncate(text)}' is not a silo address ({what}).");

    private static JsonElement GetProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value
            : throw new MembershipTableFormatException($"The membership document lacks '{name}'.");

    private static int GetInt(JsonElement element, string name)
    {
        var value = GetProperty(element, name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int result))
        {
            throw new MembershipTableFormatException($"'{name}' is not a 32-bit integer.");
        }

        return result;
    }

    private static string GetString(JsonElement element, string name)
    {
        var value = GetProperty(element, name);
        RequireKind(value, JsonValueKind.String, name);
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // The parser validates structure, not the UTF-8 inside strings; decoding does.
            throw new MembershipTableFormatException($"'{name}' is not valid UTF-8.", ex);
        }

        if (text.Length > MaxStringLength)
        {
            throw new MembershipTableFormatException($"'{name}' is longer than {MaxStringLength} characters.");
        }

        return text;
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new MembershipTableFormatException($"'{what}' must be a JSON {kind}, not {element.ValueKind}.");
        }
    }

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text, string what)
    {
        if (!DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw new MembershipTableFormatException($"'{Truncate(text)}' is not a round-trip UTC time ({what}).");
        }

        return time;
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
