namespace Hemi.PopMiner.Kss;

/// <summary>Where and how <see cref="KssKeystoneSource"/> reaches a silo's (or op-geth's) kss JSON-RPC.</summary>
public sealed class KssKeystoneSourceOptions
{
    /// <summary>The JSON-RPC endpoint, e.g. http://127.0.0.1:8545/rpc.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Deadline of one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted answer (50 keystones take about 25 KB).</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("Endpoint must be an absolute http(s) URI.", nameof(Endpoint));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
        }

        if (MaxResponseBytes < 1024)
        {
            throw new ArgumentException("MaxResponseBytes must be at least 1024.", nameof(MaxResponseBytes));
        }
    }
}
