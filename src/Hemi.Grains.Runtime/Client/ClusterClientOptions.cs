using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Client;

/// <summary>Settings of an external <see cref="IClusterClient"/> (Orleans: <c>ClientMessagingOptions</c>, <c>GatewayOptions</c>).</summary>
public sealed class ClusterClientOptions
{
    /// <summary>The cluster to join; gateways of other clusters refuse the connection.</summary>
    public string ClusterId { get; set; } = ClusterOptions.DefaultClusterId;

    /// <summary>This client's id in the preamble (1 to 128 ASCII characters); unique per process by default.</summary>
    public string ClientId { get; set; } = "client-" + Guid.NewGuid().ToString("N");

    /// <summary>How long a call waits for its response (30 s, as Orleans); then <see cref="TimeoutException"/>, outcome unknown.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on connecting to one gateway, preamble included.</summary>
    public TimeSpan OpenConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the gateway list is re-read (Orleans: <c>GatewayListRefreshPeriod</c>, 1 min).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After a failed connect, a gateway is skipped for this long unless no other one is left.</summary>
    public TimeSpan GatewayRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest frame body sent or accepted (16 MiB).</summary>
    public int MaxBodyLength { get; set; } = FrameLimits.Default.MaxBodyLength;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        _ = new ClientPreamble(ConnectionPreamble.CurrentProtocolVersion, ClusterId, ClientId).Encode();
        if (ResponseTimeout <= TimeSpan.Zero || OpenConnectionTimeout <= TimeSpan.Zero || GatewayListRefreshPeriod <= TimeSpan.Zero || GatewayRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("Client timeouts and periods must be positive.");
        }
    }

    internal SiloNetworkingOptions ToNetworkingOptions() => new()
    {
        ClusterId = ClusterId,
        ResponseTimeout = ResponseTimeout,
        OpenConnectionTimeout = OpenConnectionTimeout,
        MaxBodyLength = MaxBodyLength,
        AcceptClients = false,
    };
}
