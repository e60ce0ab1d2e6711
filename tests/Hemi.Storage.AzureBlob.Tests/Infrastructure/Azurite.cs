using Hemi.Grains.Runtime.Storage;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>Access to the Azurite instance the test command starts (<c>HEMI_AZURITE_CONNECTION_STRING</c>).</summary>
public static class Azurite
{
    public const string Variable = "HEMI_AZURITE_CONNECTION_STRING";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests through 'make test', which starts Azurite.");

    public static AzureStorageAccount Account => AzureStorageAccount.Parse(ConnectionString);

    /// <summary>A fresh, valid container name.</summary>
    public static string NewContainerName(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>Fast-failing transport settings for tests.</summary>
    public static AzureBlobClientOptions FastClientOptions(HttpMessageHandler? handler = null) => new()
    {
        MessageHandler = handler,
        PerTryTimeout = TimeSpan.FromSeconds(10),
        BaseRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        MaxAttempts = 6,
    };

    public static AzureBlobClient NewClient(HttpMessageHandler? handler = null) => new(Account, FastClientOptions(handler));

    public static AzureBlobGrainStorage NewGrainStorage(string container, bool deleteOnClear = true, AzureBlobClientOptions? client = null) =>
        new("test", new AzureBlobStorageOptions
        {
            ConnectionString = ConnectionString,
            ContainerName = container,
            DeleteStateOnClear = deleteOnClear,
            Client = client ?? FastClientOptions(),
        });

    public static AzureBlobObjectStore NewObjectStore(string container, AzureBlobClientOptions? client = null) =>
        new("test", new AzureBlobObjectStoreOptions
        {
            ConnectionString = ConnectionString,
            ContainerName = container,
            Client = client ?? FastClientOptions(),
        });
}
