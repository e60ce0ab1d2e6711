using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hemi.Grains.Keystones;
using Hemi.Grains.Pop;
using Hemi.Protocol.Keystones;

namespace Hemi.PopMiner.Kss;

/// <summary>
/// Keystone discovery over JSON-RPC: <c>kss_getLatestKeystones(count)</c> → <c>{keystones:[…], error}</c>, newest
/// first (op-geth's kss namespace, served by a Hemi silo too). Transport failures surface as
/// <see cref="HttpRequestException"/> or <see cref="TimeoutException"/>, bad answers as <see cref="KssResponseException"/>;
/// the miner grain records either and retries on its next pass.
/// </summary>
public sealed class KssKeystoneSource : IKeystoneSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly KssKeystoneSourceOptions _options;
    private long _nextId;

    public KssKeystoneSource(KssKeystoneSourceOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<L2Keystone>> GetLatestKeystonesAsync(int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, KeystoneRegistry.MaxLatestCount);
        var id = Interlocked.Increment(ref _nextId);
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = "kss_getLatestKeystones",
            ["params"] = new JsonArray(count),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        JsonNode? answer;
        try
        {
            using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(_options.Endpoint, content, timeout.Token).ConfigureAwait(false);
            var body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && body.Length == 0)
            {
                throw new HttpRequestException($"kss_getLatestKeystones: HTTP {(int)response.StatusCode}.", null, response.StatusCode);
            }

            answer = JsonNode.Parse(body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"kss_getLatestKeystones did not answer within {_options.Timeout}.");
        }
        catch (JsonException e)
        {
            throw new KssResponseException("kss_getLatestKeystones answered with malformed JSON.", e);
        }

        return ParseAnswer(answer, count);
    }

    /// <summary>Reads a JSON-RPC answer of kss_getLatestKeystones; at most <paramref name="count"/> keystones are kept.</summary>
    public static IReadOnlyList<L2Keystone> ParseAnswer(JsonNode? answer, int count)
    {
        if (answer is not JsonObject envelope)
        {
            throw new KssResponseException("The JSON-RPC answer is not an object.");
        }

        if (envelope["error"] is JsonNode error)
        {
            throw new KssResponseException($"kss_getLatestKeystones failed: {Describe(error)}");
        }

        var result = envelope["result"];
        var list = result switch
        {
            JsonObject obj when obj["error"] is JsonNode inner => throw new KssResponseException($"kss_getLatestKeystones failed: {Describe(inner)}"),
            JsonObject obj => obj["keystones"] as JsonArray ?? (obj["keystones"] is null ? [] : throw new KssResponseException("'keystones' is not an array.")),
            JsonArray array => array,
            null => [],
            _ => throw new KssResponseException("The result is neither an object nor an array."),
        };
        var keystones = new List<L2Keystone>(Math.Min(count, list.Count));
        foreach (var item in list)
        {
            if (keystones.Count == count)
            {
                break;
            }

            keystones.Add(KeystoneJsonReader.Read(item));
        }

        return keystones;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength is { } length && length > _options.MaxResponseBytes)
        {
            throw new KssResponseException($"The answer is {length} bytes, above the {_options.MaxResponseBytes}-byte limit.");
        }

        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                throw new KssResponseException($"The answer exceeds the {_options.MaxResponseBytes}-byte limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Describe(JsonNode error)
    {
        var text = error is JsonObject obj && obj["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String
            ? message.GetValue<string>()
            : error.ToJsonString();
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
