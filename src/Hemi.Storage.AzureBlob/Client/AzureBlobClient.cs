using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// A small Azure Blob Storage REST client over <see cref="HttpClient"/> with Shared Key authorization:
/// containers, block blobs with ETag conditions, listings, leases. Every operation retries 5xx, 408, per-try
/// timeouts and transport errors with exponential backoff and jitter, never 4xx. Failures are
/// <see cref="AzureBlobException"/>.
/// </summary>
/// <remarks>
/// A retried conditional write is ambiguous: the earlier try may have been applied before its response was
/// lost, so the retry meets its own write and fails the condition. Every put therefore carries a random
/// marker in blob metadata (<c>x-ms-meta-hemiwrite</c>); when a conditional put fails after an uncertain try,
/// the client reads the blob's properties and reports success if the stored marker is its own. A
/// delete whose retry finds no blob is reported as deleted, since the earlier try may have deleted it.
/// Blob names may not contain '\': the service turns it into '/', so two names would alias.
/// </remarks>
public sealed class AzureBlobClient : IDisposable
{
    /// <summary>The metadata name carrying the per-write marker.</summary>
    public const string WriteMarkerMetadata = "hemiwrite";

    private const string BlockBlobContentType = "application/octet-stream";
    private static readonly UriCreationOptions s_rawUri = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly HttpClient _http;
    private readonly AzureStorageAccount _account;
    private readonly AzureBlobClientOptions _options;
    private readonly TimeProvider _time;
    private readonly string _basePath;

    /// <summary>Creates a client; the HTTP handler comes from <see cref="AzureBlobClientOptions.MessageHandler"/> or is created.</summary>
    public AzureBlobClient(AzureStorageAccount account, AzureBlobClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _options = options ?? new AzureBlobClientOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        var handler = _options.MessageHandler;
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-try timeouts are ours
        _basePath = account.BlobEndpoint.AbsolutePath.TrimEnd('/');
    }

    /// <summary>Creates a client from a connection string (see <see cref="AzureStorageAccount.Parse"/>).</summary>
    public static AzureBlobClient FromConnectionString(string connectionString, AzureBlobClientOptions? options = null) =>
        new(AzureStorageAccount.Parse(connectionString), options);

    /// <summary>The account this client talks to.</summary>
    public AzureStorageAccount Account => _account;

    /// <summary>Creates a container; <see langword="false"/> when it already exists.</summary>
    public async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken ct = default)
    {
        ValidateContainer(container);
        var response = await SendAsync(new Request(HttpMethod.Put, container, null, [("restype", "container")]), ct).ConfigureAwait(false);
        if (response.Status == 201)
        {
            return true;
        }

        if (response.Status == 409 && response.ErrorCode == "ContainerAlreadyExists")
        {
            return false;
        }

        throw Error(response, "create container", container, null);
    }

    /// <summary>Deletes a container; <see langword="false"/> when it did not exist.</summary>
    public async Task<bool> DeleteContainerAsync(string container, CancellationToken ct = default)
    {
        ValidateContainer(container);
        var response = await SendAsync(new Request(HttpMethod.Delete, container, null, [("restype", "container")]), ct).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 => false,
            _ => throw Error(response, "delete container", container, null),
        };
    }

    /// <summary>Uploads a block blob (Put Blob), replacing any existing one unless <paramref name="conditions"/> say otherwise.</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="AzureBlobException">Including 412 <c>ConditionNotMet</c> and 409 <c>BlobAlreadyExists</c> when a condition fails.</exception>
    public async Task<string> PutBlobAsync(
        string container,
        string blob,
        ReadOnlyMemory<byte> content,
        BlobConditions conditions = default,
        CancellationToken ct = default)
    {
        ValidateContainer(container);
        ValidateBlobName(blob);
        var marker = Guid.NewGuid().ToString("N");
        var request = new Request(HttpMethod.Put, container, blob, [])
        {
            Content = content,
            ContentType = BlockBlobContentType,
        };
        request.Headers["x-ms-blob-type"] = "BlockBlob";
        request.Headers["x-ms-meta-" + WriteMarkerMetadata] = marker;
        AddConditions(request, conditions);

        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response.Status == 201)
        {
            return response.ETag ?? throw Malformed("Put Blob response has no ETag");
        }

        if (response.Uncertain && conditions.HasETagCondition && response.Status is 409 or 412)
        {
            // An earlier try may have landed: if the stored blob carries our marker, the write is ours.
            var properties = await GetPropertiesAsync(container, blob, ct).ConfigureAwait(false);
            if (properties is not null &&
                properties.Metadata.TryGetValue(WriteMarkerMetadata, out var stored) &&
                string.Equals(stored, marker, StringComparison.Ordinal))
            {
                return properties.ETag;
            }
        }

        throw Error(response, "put blob", container, blob);
    }

    /// <summary>Downloads a blob; <see langword="null"/> when the blob or its container does not exist.</summary>
    public async Task<BlobDownload?> GetBlobAsync(string container, string blob, BlobConditions conditions = default, CancellationToken ct = default)
    {
        ValidateContainer(container);
        ValidateBlobName(blob);
        var request = new Request(HttpMethod.Get, container, blob, []) { MaxBody = _options.MaxBlobBytes };
        AddConditions(request, conditions);
        var response = await SendAsync(request, ct).ConfigureAwait(false);
        return response.Status switch
        {
            200 => new BlobDownload(response.Body, response.ETag ?? throw Malformed("Get Blob response has no ETag"), response.Metadata()),
            404 => null,
            _ => throw Error(response, "get blob", container, blob),
        };
    }

    /// <summary>Reads a blob's properties and metadata; <see langword="null"/> when it does not exist.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(string container, string blob, CancellationToken ct = default)
    {
        ValidateContainer(container);
        ValidateBlobName(blob);
        var response = await SendAsync(new Request(HttpMethod.Head, container, blob, []), ct).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw Error(response, "get blob properties", container, blob);
        }

        long length = 0;
        if (response.Headers.TryGetValue("Content-Length", out var lengthText) &&
            !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            throw Malformed("Content-Length is not a number");
        }

        DateTimeOffset? modified = response.Headers.TryGetValue("Last-Modified", out var lm) &&
            DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
        return new BlobProperties(
            response.ETag ?? throw Malformed("Get Blob Properties response has no ETag"),
            length,
            modified,
            response.Headers.GetValueOrDefault("x-ms-lease-state"),
            response.Headers.GetValueOrDefault("x-ms-lease-status"),
            response.Metadata());
    }

    /// <summary>Deletes a blob; <see langword="false"/> when the blob does not exist.</summary>
    /// <exception cref="AzureBlobException">412 when a condition fails; 404 <c>ContainerNotFound</c> when the container is missing.</exception>
    public async Task<bool> DeleteBlobAsync(string container, string blob, BlobConditions conditions = default, CancellationToken ct = default)
    {
        ValidateContainer(container);
        ValidateBlobName(blob);
        var request = new Request(HttpMethod.Delete, container, blob, []);
        AddConditions(request, conditions);
        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response.Status == 202)
        {
            return true;
        }

        if (response.Status == 404 && response.ErrorCode != "ContainerNotFound")
        {
            // After an uncertain try the missing blob is most likely our own earlier delete.
            return response.Uncertain;
        }

        if (response.Status == 412 && response.Uncertain && conditions.IfMatch is not null &&
            await GetPropertiesAsync(container, blob, ct).ConfigureAwait(false) is null)
        {
            // Some servers (Azurite) answer a conditional delete of a missing blob with 412: same ambiguity.
            return true;
        }

        throw Error(response, "delete blob", container, blob);
    }

    /// <summary>Lists one page of blobs whose names start with <paramref name="prefix"/>.</summary>
    public async Task<BlobListPage> ListBlobsPageAsync(
        string container,
        string? prefix = null,
        string? marker = null,
        int? maxResults = null,
        CancellationToken ct = default)
    {
        ValidateContainer(container);
        var query = new List<(string, string)> { ("restype", "container"), ("comp", "list") };
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add(("prefix", prefix));
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query.Add(("marker", marker));
        }

        if (maxResults is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxResults));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, BlobListParser.MaxEntriesPerPage, nameof(maxResults));
            query.Add(("maxresults", max.ToString(CultureInfo.InvariantCulture)));
        }

        var response = await SendAsync(new Request(HttpMethod.Get, container, null, [.. query]) { MaxBody = _options.MaxListingBytes }, ct)
            .ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Error(response, "list blobs", container, prefix);
        }

        return BlobListParser.Parse(response.Body);
    }

    /// <summary>Lists all blobs whose names start with <paramref name="prefix"/>, following <c>NextMarker</c>.</summary>
    public async IAsyncEnumerable<BlobItem> ListBlobsAsync(
        string container,
        string? prefix = null,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await ListBlobsPageAsync(container, prefix, marker, pageSize, ct).ConfigureAwait(false);
            foreach (var item in page.Blobs)
            {
                yield return item;
            }

            if (page.NextMarker is not null && page.NextMarker == marker)
            {
                throw Malformed("List Blobs returned the same NextMarker twice");
            }

            marker = page.NextMarker;
            if (++pages > 1_000_000)
            {
                throw Malformed("List Blobs did not terminate");
            }
        }
        while (marker is not null);
    }

    /// <summary>Acquires a lease (<paramref name="duration"/> 15–60 s, or null for infinite); returns the lease id.</summary>
    public async Task<string> AcquireLeaseAsync(
        string container,
        string blob,
        TimeSpan? duration,
        string? proposedLeaseId = null,
        BlobConditions conditions = default,
        CancellationToken ct = default)
    {
        if (duration is { } d && (d < TimeSpan.FromSeconds(15) || d > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "A lease lasts 15 to 60 seconds, or is infinite (null).");
        }

        // Always propose an id, so a retried acquire is idempotent (the same id re-acquires its own lease).
        var leaseId = proposedLeaseId ?? Guid.NewGuid().ToString("D");
        var request = LeaseRequest(container, blob, "acquire");
        request.Headers["x-ms-lease-duration"] = duration is { } value
            ? ((int)value.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : "-1";
        request.Headers["x-ms-proposed-lease-id"] = leaseId;
        AddConditions(request, conditions with { LeaseId = null });
        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw Error(response, "acquire lease", container, blob);
        }

        return response.Headers.GetValueOrDefault("x-ms-lease-id") ?? leaseId;
    }

    /// <summary>Renews an active lease.</summary>
    public async Task RenewLeaseAsync(string container, string blob, string leaseId, CancellationToken ct = default)
    {
        var request = LeaseRequest(container, blob, "renew");
        request.Headers["x-ms-lease-id"] = leaseId;
        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Error(response, "renew lease", container, blob);
        }
    }

    /// <summary>Releases a lease.</summary>
    public async Task ReleaseLeaseAsync(string container, string blob, string leaseId, CancellationToken ct = default)
    {
        var request = LeaseRequest(container, blob, "release");
        request.Headers["x-ms-lease-id"] = leaseId;
        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw Error(response, "release lease", container, blob);
        }
    }

    /// <summary>Breaks a lease; returns the time until it is broken.</summary>
    public async Task<TimeSpan> BreakLeaseAsync(string container, string blob, TimeSpan? breakPeriod = null, CancellationToken ct = default)
    {
        var request = LeaseRequest(container, blob, "break");
        if (breakPeriod is { } period)
        {
            if (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60))
            {
                throw new ArgumentOutOfRangeException(nameof(breakPeriod), "The break period is 0 to 60 seconds.");
            }

            request.Headers["x-ms-lease-break-period"] = ((int)period.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw Error(response, "break lease", container, blob);
        }

        return response.Headers.TryGetValue("x-ms-lease-time", out var text) &&
               int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The escaped request path for a blob name: each '/'-separated segment percent-encoded.</summary>
    public static string EncodeBlobName(string blob)
    {
        var segments = blob.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = segments[i] switch
            {
                // Dot segments would be collapsed by URL normalisation somewhere on the way; escape the dots.
                "." => "%2E",
                ".." => "%2E%2E",
                var s => Uri.EscapeDataString(s),
            };
        }

        return string.Join('/', segments);
    }

    private Request LeaseRequest(string container, string blob, string action)
    {
        ValidateContainer(container);
        ValidateBlobName(blob);
        var request = new Request(HttpMethod.Put, container, blob, [("comp", "lease")]);
        request.Headers["x-ms-lease-action"] = action;
        return request;
    }

    private static void AddConditions(Request request, BlobConditions conditions)
    {
        if (conditions.IfMatch is { } ifMatch)
        {
            request.Headers["If-Match"] = ifMatch;
        }

        if (conditions.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers["If-None-Match"] = ifNoneMatch;
        }

        if (conditions.LeaseId is { } leaseId)
        {
            request.Headers["x-ms-lease-id"] = leaseId;
        }
    }

    private async Task<Response> SendAsync(Request request, CancellationToken ct)
    {
        Exception? lastFailure = null;
        var uncertain = false;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(RetryDelay(attempt - 1), _time, ct).ConfigureAwait(false);
            }

            using var tryTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            tryTimeout.CancelAfter(_options.PerTryTimeout);
            try
            {
                using var message = BuildMessage(request);
                using var httpResponse = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, tryTimeout.Token)
                    .ConfigureAwait(false);
                var status = (int)httpResponse.StatusCode;
                var headers = CollectHeaders(httpResponse);
                var isSuccess = status is >= 200 and < 300;
                var body = await ReadBodyAsync(httpResponse, isSuccess ? request.MaxBody : _options.MaxListingBytes, tryTimeout.Token)
                    .ConfigureAwait(false);
                if ((status >= 500 || status == 408) && attempt < _options.MaxAttempts)
                {
                    uncertain = true;
                    lastFailure = new AzureBlobException(status, headers.GetValueOrDefault("x-ms-error-code"), $"HTTP {status}");
                    continue;
                }

                return new Response(status, headers, body, uncertain);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                uncertain = true; // the request may have been applied before the timeout
                lastFailure = ex;
            }
            catch (HttpRequestException ex)
            {
                uncertain = true;
                lastFailure = ex;
            }
            catch (IOException ex)
            {
                uncertain = true;
                lastFailure = ex;
            }
        }

        throw new AzureBlobException(
            0,
            AzureBlobException.TransportFailure,
            $"Azure Blob {request.Method} {request.Container}/{request.Blob} failed after {_options.MaxAttempts} tries: {lastFailure?.Message}",
            lastFailure);
    }

    private TimeSpan RetryDelay(int retry)
    {
        var exponential = _options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 20));
        var capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);
        // Equal jitter: half fixed, half random, so retries spread out but never collapse to zero.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private HttpRequestMessage BuildMessage(Request request)
    {
        var path = new StringBuilder(_basePath).Append('/').Append(request.Container);
        if (request.Blob is not null)
        {
            path.Append('/').Append(EncodeBlobName(request.Blob));
        }

        var encodedPath = path.ToString();
        var url = new StringBuilder(_account.BlobEndpoint.GetLeftPart(UriPartial.Authority)).Append(encodedPath);
        for (var i = 0; i < request.Query.Length; i++)
        {
            url.Append(i == 0 ? '?' : '&')
               .Append(Uri.EscapeDataString(request.Query[i].Name)).Append('=')
               .Append(Uri.EscapeDataString(request.Query[i].Value));
        }

        var message = new HttpRequestMessage(request.Method, new Uri(url.ToString(), s_rawUri));
        var signed = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-date"] = _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture),
            ["x-ms-version"] = _options.ApiVersion,
        };

        if (request.Content is { } content)
        {
            var body = new ReadOnlyMemoryContent(content);
            body.Headers.ContentLength = content.Length;
            body.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? BlockBlobContentType);
            message.Content = body;
            signed["Content-Length"] = content.Length.ToString(CultureInfo.InvariantCulture);
            signed["Content-Type"] = body.Headers.ContentType.ToString();
        }

        foreach (var (name, value) in signed)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        var stringToSign = SharedKeySigner.BuildStringToSign(
            request.Method.Method,
            signed,
            _account.AccountName,
            encodedPath,
            request.Query.Select(q => new KeyValuePair<string, string>(q.Name, q.Value)));
        message.Headers.TryAddWithoutValidation("Authorization", SharedKeySigner.Sign(stringToSign, _account.AccountName, _account.Key));
        return message;
    }

    private static Dictionary<string, string> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = string.Join(',', values);
        }

        foreach (var (name, values) in response.Content.Headers)
        {
            headers[name] = string.Join(',', values);
        }

        return headers;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new AzureBlobException(
                (int)response.StatusCode,
                AzureBlobException.ResponseTooLarge,
                $"Azure Blob response of {declared} bytes exceeds the {maxBytes}-byte limit.");
        }

        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var initial = (int)Math.Min(response.Content.Headers.ContentLength ?? 16 * 1024, maxBytes);
            using var buffer = new MemoryStream(initial);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new AzureBlobException(
                        (int)response.StatusCode,
                        AzureBlobException.ResponseTooLarge,
                        $"Azure Blob response exceeds the {maxBytes}-byte limit.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private AzureBlobException Error(Response response, string operation, string container, string? blob)
    {
        var code = response.ErrorCode;
        var target = blob is null ? container : $"{container}/{blob}";
        var message = $"Azure Blob {operation} on '{target}' failed: HTTP {response.Status} {code}.";
        if (response.Status == 403)
        {
            // Shared Key failures come back as 403 AuthenticationFailed (Azure) or AuthorizationFailure (Azurite).
            message = $"Azure Blob authentication failed for account '{_account.AccountName}' at {_account.BlobEndpoint} " +
                      $"({operation} on '{target}': HTTP 403 {code}): check the account key.";
        }

        return new AzureBlobException(response.Status, code, message);
    }

    private static AzureBlobException Malformed(string why) => new(200, AzureBlobException.MalformedResponse, $"Malformed Azure Blob response: {why}.");

    private static void ValidateContainer(string container)
    {
        if (!AzureBlobNames.IsValidContainerName(container, out var reason))
        {
            throw new ArgumentException($"Invalid container name '{container}': {reason}.", nameof(container));
        }
    }

    private static void ValidateBlobName(string blob)
    {
        if (!AzureBlobNames.IsValidBlobName(blob, out var reason))
        {
            throw new ArgumentException($"Invalid blob name: {reason}.", nameof(blob));
        }
    }

    private sealed record Request(HttpMethod Method, string Container, string? Blob, (string Name, string Value)[] Query)
    {
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public ReadOnlyMemory<byte>? Content { get; init; }

        public string? ContentType { get; init; }

        public int MaxBody { get; init; } = 1024 * 1024;
    }

    private sealed record Response(int Status, Dictionary<string, string> Headers, byte[] Body, bool Uncertain)
    {
        public string? ETag => Headers.GetValueOrDefault("ETag");

        public string? ErrorCode => Headers.GetValueOrDefault("x-ms-error-code") ?? BlobListParser.TryReadErrorCode(Body);

        public IReadOnlyDictionary<string, string> Metadata()
        {
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in Headers)
            {
                if (name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
                {
                    metadata[name["x-ms-meta-".Length..]] = value;
                }
            }

            return metadata;
        }
    }
}
