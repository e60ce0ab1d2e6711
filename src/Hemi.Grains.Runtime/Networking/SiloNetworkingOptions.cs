namespace Hemi.Grains.Runtime.Networking;

/// <summary>Settings of the silo-to-silo transport.</summary>
public sealed class SiloNetworkingOptions
{
    /// <summary>Cluster id sent in, and required of, every preamble.</summary>
    public string ClusterId { get; set; } = Membership.ClusterOptions.DefaultClusterId;

    /// <summary>Largest accepted header section (request context).</summary>
    public int MaxHeaderLength { get; set; } = FrameLimits.Default.MaxHeaderLength;

    /// <summary>Largest accepted body (16 MiB).</summary>
    public int MaxBodyLength { get; set; } = FrameLimits.Default.MaxBodyLength;

    /// <summary>How long a caller waits for a response (30 s, as Orleans); then <see cref="SiloResponseTimeoutException"/>.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on connecting plus the preamble exchange.</summary>
    public TimeSpan OpenConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bound on closing a connection gracefully (<see cref="SiloConnection.CloseGracefully"/>): the peer normally ends
    /// its side within a round trip; a frozen one is cut off after this.
    /// </summary>
    public TimeSpan GracefulCloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the listener also serves external clients (the silo is a gateway on its silo port).</summary>
    public bool AcceptClients { get; set; } = true;

    /// <summary>The frame limits these options imply.</summary>
    public FrameLimits Limits => new(MaxHeaderLength, MaxBodyLength);

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ClusterId) || ClusterId.Length > 128 || !System.Text.Ascii.IsValid(ClusterId))
        {
            throw new ArgumentException("ClusterId must be 1 to 128 ASCII characters.");
        }

        if (MaxHeaderLength < 0 || MaxBodyLength < ConnectionPreamble.MaxEncodedLength)
        {
            throw new ArgumentException("MaxHeaderLength must be non-negative and MaxBodyLength must hold a preamble.");
        }

        if (ResponseTimeout <= TimeSpan.Zero || OpenConnectionTimeout <= TimeSpan.Zero || GracefulCloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts must be positive.");
        }
    }
}
