namespace Hemi.Bitcoin.Node.Client;

/// <summary>Where and how <see cref="BitcoindRpcClient"/> reaches bitcoind. Checked by <see cref="Validate"/>.</summary>
public sealed class BitcoindRpcOptions
{
    /// <summary>The largest response body ever accepted (bitcoind's biggest answers are hex blocks of 8 MB).</summary>
    public const int MaxResponseBytesLimit = 16 * 1024 * 1024;

    /// <summary>The RPC endpoint, e.g. http://127.0.0.1:8332/.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>rpcuser; requires <see cref="Password"/>; excludes <see cref="CookieFilePath"/>.</summary>
    public string? User { get; set; }

    /// <summary>rpcpassword.</summary>
    public string? Password { get; set; }

    /// <summary>Path of bitcoind's .cookie file ("__cookie__:token"); re-read once when bitcoind answers 401 (restart).</summary>
    public string? CookieFilePath { get; set; }

    /// <summary>Deadline of one HTTP attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra attempts after a transport error, timeout or bare HTTP 5xx.</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>Delay before the first retry; doubled on each further one, capped by <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the backoff.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often tip watchers poll getblockchaininfo.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deepest reorg the tip watcher walks back before giving up with <see cref="BitcoindResponseException"/>.</summary>
    public int MaxReorgDepth { get; set; } = 1_000;

    /// <summary>Largest accepted response body, at most <see cref="MaxResponseBytesLimit"/>.</summary>
    public int MaxResponseBytes { get; set; } = MaxResponseBytesLimit;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("Endpoint must be an absolute http(s) URI.", nameof(Endpoint));
        }

        if (CookieFilePath is not null && (User is not null || Password is not null))
        {
            throw new ArgumentException("Use either User/Password or CookieFilePath, not both.", nameof(CookieFilePath));
        }

        if (CookieFilePath is { Length: 0 })
        {
            throw new ArgumentException("CookieFilePath must not be empty.", nameof(CookieFilePath));
        }

        if ((User is null) != (Password is null))
        {
            throw new ArgumentException("User and Password must be given together.", nameof(User));
        }

        if (User is not null && User.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("User must not contain ':' (HTTP basic authentication).", nameof(User));
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("Timeout must be positive and at most an hour.", nameof(Timeout));
        }

        if (RetryCount is < 0 or > 20)
        {
            throw new ArgumentException("RetryCount must be between 0 and 20.", nameof(RetryCount));
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentException("RetryDelay must be non-negative and not above MaxRetryDelay.", nameof(RetryDelay));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("PollInterval must be positive.", nameof(PollInterval));
        }

        if (MaxReorgDepth < 1)
        {
            throw new ArgumentException("MaxReorgDepth must be at least 1.", nameof(MaxReorgDepth));
        }

        if (MaxResponseBytes is < 1024 or > MaxResponseBytesLimit)
        {
            throw new ArgumentException($"MaxResponseBytes must be between 1024 and {MaxResponseBytesLimit}.", nameof(MaxResponseBytes));
        }
    }
}
