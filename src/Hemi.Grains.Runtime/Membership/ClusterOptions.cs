namespace Hemi.Grains.Runtime.Membership;

/// <summary>Which cluster a silo belongs to (Orleans: <c>ClusterOptions</c>), plus its advertised gateway port.</summary>
public sealed class ClusterOptions
{
    /// <summary>Default <see cref="ClusterId"/>.</summary>
    public const string DefaultClusterId = "default";

    /// <summary>The cluster: silos with different ids never see each other's rows, directory entries or connections.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>The service (stable across cluster redeployments).</summary>
    public string ServiceId { get; set; } = "default";

    /// <summary>The client gateway port advertised in membership (0 = not a gateway).</summary>
    public int GatewayPort { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 128)
        {
            throw new ArgumentException("ClusterId must have 1 to 128 characters.");
        }

        foreach (var c in ClusterId)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException("ClusterId may contain only ASCII letters, digits, '-', '_' and '.'.");
            }
        }

        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new ArgumentException("ServiceId is required.");
        }

        if (GatewayPort is < 0 or > 65535)
        {
            throw new ArgumentException("GatewayPort must be between 0 and 65535.");
        }
    }
}
