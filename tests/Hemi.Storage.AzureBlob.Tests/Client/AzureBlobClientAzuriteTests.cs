namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>The REST client against real Azurite: signatures, conditions, listings, leases.</summary>
public sealed class AzureBlobClientAzuriteTests : IAsyncLifetime
{
    private readonly AzureBlobClient _client = Azurite.NewClient();
    private readonly string _container = Azurite.NewContainerName("client");

    public async Task InitializeAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Azurite.Variable)))
        {
            Assert.True(await _client.CreateContainerIfNotExistsAsync(_container));
        }
    }

    public async Task DisposeAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Azurite.Variable)))
        {
            await _client.DeleteContainerAsync(_container);
        }

        _client.Dispose();
    }

    [ServiceFact(Azurite.Variable)]
    public async Task CreateContainer_IsIdempotent()
    {
        Assert.False(await _client.CreateContainerIfNotExistsAsync(_container));
    }

    [ServiceFact(Azurite.Variable)]
    public async Task PutGetDelete_WithConditions()
    {
        var first = await _client.PutBlobAsync(_container, "b", "one"u8.ToArray(), BlobConditions.IfNotExists);
        var create = await Assert.ThrowsAsync<AzureBlobException>(
            () => _client.PutBlobAsync(_container, "b", "two"u8.ToArray(), BlobConditions.IfNotExists));
        Assert.True(create.StatusCode is 409 or 412, $"status {create.StatusCode}");

        var second = await _client.PutBlobAsync(_container, "b", "two"u8.ToArray(), BlobConditions.IfMatchETag(first));
        Assert.NotEqual(first, second);
        var stale = await Assert.ThrowsAsync<AzureBlobException>(
            () => _client.PutBlobAsync(_container, "b", "three"u8.ToArray(), BlobConditions.IfMatchETag(first)));
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal("ConditionNotMet", stale.ErrorCode);

        var download = await _client.GetBlobAsync(_container, "b");
        Assert.NotNull(download);
        Assert.Equal("two"u8.ToArray(), download.Content);
        Assert.Equal(second, download.ETag);

        await Assert.ThrowsAsync<AzureBlobException>(() => _client.DeleteBlobAsync(_container, "b", BlobConditions.IfMatchETag(first)));
        Assert.True(await _client.DeleteBlobAsync(_container, "b", BlobConditions.IfMatchETag(second)));
        Assert.False(await _client.DeleteBlobAsync(_container, "b"));
        Assert.Null(await _client.GetBlobAsync(_container, "b"));
    }

    [ServiceFact(Azurite.Variable)]
    public async Task GetProperties_ReturnsLengthETagAndMetadata()
    {
        var eTag = await _client.PutBlobAsync(_container, "props", new byte[123]);
        var properties = await _client.GetPropertiesAsync(_container, "props");
        Assert.NotNull(properties);
        Assert.Equal(123, properties.ContentLength);
        Assert.Equal(eTag, properties.ETag);
        Assert.True(properties.Metadata.ContainsKey(AzureBlobClient.WriteMarkerMetadata));
        Assert.Null(await _client.GetPropertiesAsync(_container, "missing"));
    }

    [ServiceFact(Azurite.Variable)]
    public async Task List_FollowsNextMarkerAcrossPages()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"list/{i}").ToList();
        foreach (var name in names)
        {
            await _client.PutBlobAsync(_container, name, new byte[] { 1 });
        }

        await _client.PutBlobAsync(_container, "other", new byte[] { 1 });
        var firstPage = await _client.ListBlobsPageAsync(_container, "list/", maxResults: 3);
        Assert.Equal(3, firstPage.Blobs.Count);
        Assert.NotNull(firstPage.NextMarker);

        var all = new List<string>();
        await foreach (var item in _client.ListBlobsAsync(_container, "list/", pageSize: 2))
        {
            all.Add(item.Name);
            Assert.Equal(1, item.ContentLength);
        }

        Assert.Equal(names, all);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task UnusualBlobNames_AreStoredVerbatim()
    {
        string[] names = ["a/../b", "./x/.", "sp ace/+&=?#%", "ünï/😀", "dots.../...", "%5C%2F"];
        foreach (var name in names)
        {
            await _client.PutBlobAsync(_container, "odd/" + name, System.Text.Encoding.UTF8.GetBytes(name));
        }

        var listed = new List<string>();
        await foreach (var item in _client.ListBlobsAsync(_container, "odd/"))
        {
            listed.Add(item.Name);
        }

        Assert.Equal(names.Select(n => "odd/" + n).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            var download = await _client.GetBlobAsync(_container, "odd/" + name);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(name), download!.Content);
        }
    }

    [ServiceFact(Azurite.Variable)]
    public async Task Leases_GuardWritesAndCanBeRenewedReleasedAndBroken()
    {
        var eTag = await _client.PutBlobAsync(_container, "leased", new byte[] { 1 });
        var lease = await _client.AcquireLeaseAsync(_container, "leased", TimeSpan.FromSeconds(15));
        Assert.Equal("leased", (await _client.GetPropertiesAsync(_container, "leased"))!.LeaseState);

        var withoutLease = await Assert.ThrowsAsync<AzureBlobException>(() => _client.PutBlobAsync(_container, "leased", new byte[] { 2 }));
        Assert.Equal(412, withoutLease.StatusCode);
        await _client.PutBlobAsync(_container, "leased", new byte[] { 3 }, new BlobConditions(LeaseId: lease));

        var second = await Assert.ThrowsAsync<AzureBlobException>(() => _client.AcquireLeaseAsync(_container, "leased", null));
        Assert.Equal(409, second.StatusCode);

        await _client.RenewLeaseAsync(_container, "leased", lease);
        await _client.ReleaseLeaseAsync(_container, "leased", lease);
        await _client.PutBlobAsync(_container, "leased", new byte[] { 4 });

        var infinite = await _client.AcquireLeaseAsync(_container, "leased", null);
        Assert.NotEqual(lease, infinite);
        var remaining = await _client.BreakLeaseAsync(_container, "leased", TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, remaining);
        await _client.PutBlobAsync(_container, "leased", new byte[] { 5 });
        Assert.NotEqual(eTag, (await _client.GetPropertiesAsync(_container, "leased"))!.ETag);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task DownloadAboveTheCap_IsRefused()
    {
        await _client.PutBlobAsync(_container, "big", new byte[64 * 1024]);
        var options = Azurite.FastClientOptions();
        options.MaxBlobBytes = 1024;
        using var capped = new AzureBlobClient(Azurite.Account, options);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => capped.GetBlobAsync(_container, "big"));
        Assert.Equal(AzureBlobException.ResponseTooLarge, ex.ErrorCode);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task WrongAccountKey_FailsWithAClearMessage()
    {
        var account = new AzureStorageAccount(Azurite.Account.AccountName, new byte[64], Azurite.Account.BlobEndpoint);
        using var client = new AzureBlobClient(account, Azurite.FastClientOptions());
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.CreateContainerIfNotExistsAsync(_container));
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("authentication failed for account 'devstoreaccount1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the account key", ex.Message, StringComparison.Ordinal);
    }
}
