namespace Hemi.Storage.AzureBlob;

/// <summary>
/// A storage account for Shared Key access: name, key and blob endpoint. Parsed from the standard
/// connection string forms <c>UseDevelopmentStorage=true</c> and
/// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;BlobEndpoint=…][;EndpointSuffix=…]</c>.
/// </summary>
public sealed class AzureStorageAccount
{
    /// <summary>The well-known Azurite/emulator account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known, public Azurite/emulator key (not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int MaxConnectionStringLength = 4096;

    private readonly byte[] _key;

    public AzureStorageAccount(string accountName, ReadOnlySpan<byte> accountKey, Uri blobEndpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        if (accountKey.IsEmpty)
        {
            throw new ArgumentException("The account key is empty.", nameof(accountKey));
        }

        if (!blobEndpoint.IsAbsoluteUri || (blobEndpoint.Scheme != Uri.UriSchemeHttp && blobEndpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Blob endpoint '{blobEndpoint}' must be an absolute http(s) URI.", nameof(blobEndpoint));
        }

        AccountName = accountName;
        _key = accountKey.ToArray();
        BlobEndpoint = new Uri(blobEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    /// <summary>The account name (used in the Shared Key signature).</summary>
    public string AccountName { get; }

    /// <summary>The blob service root, without a trailing slash (e.g. <c>http://127.0.0.1:10000/devstoreaccount1</c>).</summary>
    public Uri BlobEndpoint { get; }

    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Parses a connection string.</summary>
    /// <exception cref="AzureConnectionStringException">Malformed, incomplete or unsupported.</exception>
    public static AzureStorageAccount Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (connectionString.Length > MaxConnectionStringLength)
        {
            throw new AzureConnectionStringException($"Connection string is longer than {MaxConnectionStringLength} characters.");
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';'))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new AzureConnectionStringException($"Connection string setting '{Redact(part)}' is not of the form Name=Value.");
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (!settings.TryAdd(name, value))
            {
                throw new AzureConnectionStringException($"Connection string sets '{name}' twice.");
            }
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new AzureConnectionStringException("UseDevelopmentStorage must be 'true' when present.");
            }

            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var p) ? ParseUri(p, "DevelopmentStorageProxyUri") : null;
            var host = proxy is null ? "http://127.0.0.1" : proxy.GetLeftPart(UriPartial.Scheme) + proxy.Host;
            return new AzureStorageAccount(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"{host}:10000/{DevelopmentAccountName}"));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new AzureConnectionStringException("SAS connection strings are not supported: use AccountName and AccountKey (Shared Key).");
        }

        if (!settings.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new AzureConnectionStringException("Connection string has no AccountName.");
        }

        if (!settings.TryGetValue("AccountKey", out var keyText) || keyText.Length == 0)
        {
            throw new AzureConnectionStringException($"Connection string for account '{accountName}' has no AccountKey.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException ex)
        {
            throw new AzureConnectionStringException($"AccountKey for account '{accountName}' is not valid base64.", ex);
        }

        if (key.Length == 0)
        {
            throw new AzureConnectionStringException($"AccountKey for account '{accountName}' is empty.");
        }

        Uri endpoint;
        if (settings.TryGetValue("BlobEndpoint", out var blobEndpoint) && blobEndpoint.Length > 0)
        {
            endpoint = ParseUri(blobEndpoint, "BlobEndpoint");
        }
        else
        {
            var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var proto) && proto.Length > 0 ? proto.ToLowerInvariant() : "https";
            if (protocol is not ("http" or "https"))
            {
                throw new AzureConnectionStringException($"DefaultEndpointsProtocol '{protocol}' is neither http nor https.");
            }

            var suffix = settings.TryGetValue("EndpointSuffix", out var s) && s.Length > 0 ? s : "core.windows.net";
            endpoint = ParseUri($"{protocol}://{accountName}.blob.{suffix}", "EndpointSuffix");
        }

        try
        {
            return new AzureStorageAccount(accountName, key, endpoint);
        }
        catch (ArgumentException ex)
        {
            throw new AzureConnectionStringException(ex.Message, ex);
        }
    }

    private static Uri ParseUri(string text, string setting)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AzureConnectionStringException($"{setting} '{Redact(text)}' is not an absolute http(s) URI.");
        }

        return uri;
    }

    // Never echo anything that could be a key into logs or exception messages.
    private static string Redact(string text) =>
        text.Contains("key", StringComparison.OrdinalIgnoreCase) || text.Length > 80 ? "(redacted)" : text;
}
