using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hemi.Bitcoin.Node.Client;

/// <summary>
/// One JSON-RPC 1.0 call per HTTP POST, with basic/cookie authentication, a per-attempt deadline, bounded response bodies
/// and exponential backoff for transport failures.
/// </summary>
internal sealed class JsonRpcTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient _http;
    private readonly BitcoindRpcOptions _options;
    private readonly TimeProvider _time;
    private long _nextId;
    private volatile AuthenticationHeaderValue? _authorization;

    public JsonRpcTransport(BitcoindRpcOptions options, HttpMessageHandler? handler, TimeProvider time)
    {
        _options = options;
        _time = time;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the per-attempt deadline is ours, driven by TimeProvider
        if (options.User is not null)
        {
            _authorization = Basic(options.User + ":" + options.Password);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Calls <paramref name="method"/>; returns the detached "result" element.</summary>
    public async Task<JsonElement> CallAsync(string method, JsonArray parameters, bool retryable, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = id,
            ["method"] = method,
            ["params"] = parameters,
        }.ToJsonString());

        if (_options.CookieFilePath is not null && _authorization is null)
        {
            _authorization = ReadCookie();
        }

        var cookieReread = false;
        Exception? lastFailure = null;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                if (!retryable || attempt > _options.RetryCount)
                {
                    throw new BitcoindUnavailableException(
                        $"bitcoind {method} failed after {attempt} attempt(s): {lastFailure?.Message}", lastFailure);
                }

                await Task.Delay(Backoff(attempt), _time, ct).ConfigureAwait(false);
            }

            using var deadline = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint);
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonMediaType;
                request.Headers.Authorization = _authorization;
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    if (_options.CookieFilePath is not null && !cookieReread)
                    {
                        // bitcoind writes a fresh cookie on every start: pick it up once, then give up.
                        cookieReread = true;
                        _authorization = ReadCookie();
                        attempt--;
                        continue;
                    }

                    throw new BitcoindAuthenticationException(
                        $"bitcoind refused the credentials for {method} (HTTP {(int)response.StatusCode}); check rpcuser/rpcpassword or the cookie file.");
                }

                var content = await ReadBoundedAsync(response, method, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    return ParseEnvelope(content, method, id);
                }

                // bitcoind sends RPC errors with HTTP 500 (404 for unknown methods): those are answers, not outages.
                if (TryParseError(content, method) is { } rpcError)
                {
                    throw rpcError;
                }

                if (status >= 500)
                {
                    lastFailure = new HttpRequestException($"HTTP {status} from bitcoind", null, response.StatusCode);
                    continue;
                }

                throw new BitcoindResponseException(method, $"unexpected HTTP {status}");
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                lastFailure = new TimeoutException($"no answer within {_options.Timeout}", ex);
            }
            catch (HttpRequestException ex)
            {
                lastFailure = ex;
            }
            catch (IOException ex)
            {
                lastFailure = ex;
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
        return delay;
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, string method, CancellationToken ct)
    {
        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw new BitcoindResponseException(method, $"body of {declared} bytes exceeds the {limit}-byte limit");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BitcoindResponseException(method, $"body exceeds the {limit}-byte limit");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static JsonElement ParseEnvelope(byte[] content, string method, long id)
    {
        using var document = Parse(content, method);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BitcoindResponseException(method, "the response is not a JSON object");
        }

        if (ErrorOf(root, method) is { } error)
        {
            throw error;
        }

        if (root.TryGetProperty("id", out var echoed) && echoed.ValueKind != JsonValueKind.Null
            && !(echoed.ValueKind == JsonValueKind.Number && echoed.TryGetInt64(out var echoedId) && echoedId == id))
        {
            throw new BitcoindResponseException(method, "the response id does not match the request");
        }

        if (!root.TryGetProperty("result", out var result))
        {
            throw new BitcoindResponseException(method, "the response has no result");
        }

        return result.Clone();
    }

    private static BitcoindRpcException? TryParseError(byte[] content, string method)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object ? ErrorOf(document.RootElement, method) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (BitcoindResponseException)
        {
            return null;
        }
    }

    private static BitcoindRpcException? ErrorOf(JsonElement root, string method)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var number)
            || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            throw new BitcoindResponseException(method, "the error object lacks an integer code or a string message");
        }

        return new BitcoindRpcException(number, message.GetString()!, method);
    }

    private static JsonDocument Parse(byte[] content, string method)
    {
        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new BitcoindResponseException(method, "the body is not valid JSON", ex);
        }
    }

    private AuthenticationHeaderValue ReadCookie()
    {
        var path = _options.CookieFilePath!;
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > 4096)
            {
                throw new BitcoindAuthenticationException($"The cookie file {path} is too large to be a bitcoind cookie.");
            }

            text = File.ReadAllText(path).Trim();
        }
        catch (IOException ex)
        {
            throw new BitcoindUnavailableException($"Cannot read the bitcoind cookie file {path}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BitcoindUnavailableException($"Cannot read the bitcoind cookie file {path}: {ex.Message}", ex);
        }

        if (!text.Contains(':', StringComparison.Ordinal))
        {
            throw new BitcoindAuthenticationException($"The cookie file {path} does not hold 'user:token'.");
        }

        return Basic(text);
    }

    private static AuthenticationHeaderValue Basic(string credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
}
