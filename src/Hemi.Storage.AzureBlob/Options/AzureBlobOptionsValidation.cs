namespace Hemi.Storage.AzureBlob;

internal static class AzureBlobOptionsValidation
{
    public static void Validate(string kind, string providerName, string? connectionString, string containerName, AzureBlobClientOptions? client)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"{kind} '{providerName}': ConnectionString is required.");
        }

        try
        {
            AzureStorageAccount.Parse(connectionString);
        }
        catch (AzureConnectionStringException ex)
        {
            throw new ArgumentException($"{kind} '{providerName}': {ex.Message}", ex);
        }

        if (!AzureBlobNames.IsValidContainerName(containerName, out var reason))
        {
            throw new ArgumentException($"{kind} '{providerName}': container name '{containerName}' is invalid: {reason}.");
        }

        if (client is null)
        {
            throw new ArgumentException($"{kind} '{providerName}': Client options are required.");
        }

        try
        {
            client.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{kind} '{providerName}': {ex.Message}", ex);
        }
    }
}
