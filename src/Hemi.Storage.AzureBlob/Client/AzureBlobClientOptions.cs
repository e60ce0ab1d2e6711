namespace Hemi.Storage.AzureBlob;

/// <summary>Transport settings of <see cref="AzureBlobClient"/>: API version, retries, timeouts, response caps.</summary>
public sealed class AzureBlobClientOptions
{
    /// <summary>Default <see cref="ApiVersion"/> (supported by Azurite 3.35).</summary>
    public const string DEFAULT_API_VERSION = "2021-12-02";

    /// <summary>The <c>x-ms-version</c> sent with every request.</summary>
    public string ApiVersion { get; set; } = DEFAULT_API_VERSION;

    /// <summary>Total tries per operation (first try included). Retries happen only on 5xx, 408, timeouts and transport errors.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Timeout of a single try; on expiry the try is cancelled and retried.</summary>
    public TimeSpan PerTryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay; doubled per retry with full jitter, capped at <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest blob body accepted from a download.</summary>
    public int MaxBlobBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Largest listing or error body accepted.</summary>
    public int MaxListingBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Optional HTTP handler (for tests: a <see cref="DelegatingHandler"/> in front of the network). When null a
    /// <see cref="SocketsHttpHandler"/> is created. The client does not dispose a handler it did not create.
    /// </summary>
    public HttpMessageHandler? MessageHandler { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiVersion))
        {
            throw new ArgumentException("ApiVersion is required.");
        }

        if (MaxAttempts is < 1 or > 20)
        {
            throw new ArgumentException("MaxAttempts must be between 1 and 20.");
        }

        if (PerTryTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("PerTryTimeout must be positive.");
        }

        if (BaseRetryDelay < TimeSpan.Zero || MaxRetryDelay < BaseRetryDelay)
        {
            throw new ArgumentException("Retry delays must satisfy 0 <= BaseRetryDelay <= MaxRetryDelay.");
        }

        if (MaxBlobBytes < 1 || MaxListingBytes < 1024)
        {
            throw new ArgumentException("MaxBlobBytes must be positive and MaxListingBytes at least 1024.");
        }
    }
}
