using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hemi.Cluster.TestHost.Hosting;

/// <summary>
/// How one test silo runs, from <c>--name value</c> arguments with environment fallbacks:
/// <c>--cluster-id</c> (HEMI_CLUSTER_ID), <c>--connection-string</c> (HEMI_AZURITE_CONNECTION_STRING),
/// <c>--silo-port</c> (0 = a free port; it is also the client gateway port),
/// <c>--profile</c> test|production, <c>--state-container</c> (default <c>state-{cluster id}</c>),
/// <c>--name</c> (log name).
/// </summary>
public sealed record TestHostOptions
{
    /// <summary>The membership cluster id (also names the directory folder and, by default, the state container).</summary>
    public required string ClusterId { get; init; }

    /// <summary>The Azure Storage connection string (Azurite in tests).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The silo-to-silo port (already chosen; never 0 after parsing).</summary>
    public required int SiloPort { get; init; }

    /// <summary>The failure-detection settings.</summary>
    public FailureDetectionProfile Profile { get; init; } = FailureDetectionProfile.Test;

    /// <summary>The blob container of grain state.</summary>
    public required string StateContainer { get; init; }

    /// <summary>The silo name (logs).</summary>
    public string Name { get; init; } = "silo";

    /// <summary>Parses arguments (<c>--key value</c>) with environment fallbacks; picks free ports for 0.</summary>
    /// <exception cref="TestHostArgumentException">Something is missing or invalid.</exception>
    public static TestHostOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new TestHostArgumentException($"Expected '--name value' pairs; got '{key}'.");
            }

            values[key[2..]] = args[++i];
        }

        string? Get(string key, string? variable = null) =>
            values.TryGetValue(key, out var v) ? v : variable is null ? null : environment(variable);

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "cluster-id", "connection-string", "silo-port", "profile", "state-container", "name",
        };
        foreach (var key in values.Keys)
        {
            if (!known.Contains(key))
            {
                throw new TestHostArgumentException($"Unknown option '--{key}'.");
            }
        }

        var clusterId = Get("cluster-id", "HEMI_CLUSTER_ID");
        if (string.IsNullOrWhiteSpace(clusterId))
        {
            throw new TestHostArgumentException("--cluster-id (or HEMI_CLUSTER_ID) is required.");
        }

        var connection = Get("connection-string", "HEMI_AZURITE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new TestHostArgumentException("--connection-string (or HEMI_AZURITE_CONNECTION_STRING) is required.");
        }

        var siloPort = ParsePort(Get("silo-port") ?? "0", "--silo-port");
        return new TestHostOptions
        {
            ClusterId = clusterId,
            ConnectionString = connection,
            SiloPort = siloPort == 0 ? FreeLoopbackPort() : siloPort,
            Profile = FailureDetectionProfiles.Parse(Get("profile") ?? "test"),
            StateContainer = Get("state-container") ?? DefaultStateContainer(clusterId),
            Name = Get("name") ?? "silo",
        };
    }

    /// <summary>
    /// The default state container of a cluster: <c>state-</c> plus the cluster id lower-cased with characters a
    /// container name cannot hold replaced, so tests with unique cluster ids never share grain state.
    /// </summary>
    public static string DefaultStateContainer(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        var chars = clusterId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var name = ("state-" + new string(chars)).TrimEnd('-');
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }

    /// <summary>A loopback TCP port that was free a moment ago (the OS picks it).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static int ParsePort(string text, string name)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw new TestHostArgumentException($"{name} must be a port number; got '{text}'.");
        }

        return port;
    }
}
