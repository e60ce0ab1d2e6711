using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob.Tests.Membership;

/// <summary>
/// The membership table providers the conformance suite runs against: the in-memory table always, the Azure Blob
/// table when Azurite is available (or required by <c>HEMI_REQUIRE_SERVICES=1</c>, so that it fails loudly).
/// </summary>
public static class MembershipTableProviders
{
    public const string Memory = "memory";
    public const string AzureBlob = "azureblob";

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { Memory };
            if (AzuriteWanted)
            {
                data.Add(AzureBlob);
            }

            return data;
        }
    }

    public static bool AzuriteWanted =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Azurite.Variable)) ||
        Environment.GetEnvironmentVariable("HEMI_REQUIRE_SERVICES") == "1";

    /// <summary>A fresh, empty table (own cluster id in a shared container), initialised with version 0.</summary>
    public static async Task<IMembershipTable> CreateAsync(string provider, string? clusterId = null, bool initialize = true)
    {
        clusterId ??= "c" + Guid.NewGuid().ToString("N")[..12];
        IMembershipTable table = provider switch
        {
            Memory => new InMemoryMembershipTable(clusterId),
            AzureBlob => new AzureBlobMembershipTable(clusterId, new AzureBlobClusteringOptions
            {
                ConnectionString = Azurite.ConnectionString,
                ContainerName = "membership-conformance",
                Client = Azurite.FastClientOptions(),
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        if (initialize)
        {
            await table.InitializeMembershipTable(true);
        }

        return table;
    }
}
