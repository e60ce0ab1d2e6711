using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>Provider-level behaviour on Azurite: layout, start-up checks, zombies.</summary>
public sealed class AzureBlobStorageAzuriteTests
{
    [ServiceFact(Azurite.Variable)]
    public async Task Blobs_UseTheOrleansNameAndVersionedJson()
    {
        var container = Azurite.NewContainerName("layout");
        using var storage = Azurite.NewGrainStorage(container);
        var id = GrainId.Create("user", "alice");
        await storage.WriteStateAsync("profile", id, new GrainState<ConformanceTestState>(new ConformanceTestState { Name = "Alice" }));

        var download = await storage.Client.GetBlobAsync(container, "profile-user/alice.json");
        Assert.NotNull(download);
        var json = System.Text.Encoding.UTF8.GetString(download.Content);
        Assert.StartsWith("{\"schema\":1,\"state\":{\"Name\":\"Alice\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        await storage.Client.DeleteContainerAsync(container);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task MissingContainer_IsCreatedOnFirstWrite()
    {
        var container = Azurite.NewContainerName("lazy");
        using var storage = Azurite.NewGrainStorage(container);
        var read = new GrainState<int>();
        await storage.ReadStateAsync("s", GrainId.Create("t", "k"), read);
        Assert.False(read.RecordExists);
        await storage.WriteStateAsync("s", GrainId.Create("t", "k"), new GrainState<int>(3));

        // Deleted behind the provider's back: the next write recreates it (Orleans does the same).
        await storage.Client.DeleteContainerAsync(container);
        await WaitForContainerGoneAsync(storage.Client, container);
        await storage.WriteStateAsync("s", GrainId.Create("t", "k2"), new GrainState<int>(4));
        var again = new GrainState<int>();
        await storage.ReadStateAsync("s", GrainId.Create("t", "k2"), again);
        Assert.Equal(4, again.State);
        await storage.Client.DeleteContainerAsync(container);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task CorruptBlob_ThrowsGrainStorageException()
    {
        using var storage = Azurite.NewGrainStorage("grainstate");
        var id = GrainId.Create("corrupt", Guid.NewGuid().ToString("N"));
        var name = AzureBlobGrainStorage.GetBlobName("s", id);
        await storage.InitializeAsync();
        foreach (var content in new[] { "{\"schema\":1,\"state\":{\"Counter\":", "{\"schema\":7,\"state\":{}}", "\u0000\u0001garbage" })
        {
            await storage.Client.PutBlobAsync("grainstate", name, System.Text.Encoding.UTF8.GetBytes(content));
            await Assert.ThrowsAsync<GrainStorageException>(() => storage.ReadStateAsync("s", id, new GrainState<ConformanceTestState>()));
        }
    }

    [ServiceFact(Azurite.Variable)]
    public async Task BackslashInGrainKey_IsRefusedRatherThanAliasedToSlash()
    {
        using var storage = Azurite.NewGrainStorage("grainstate");
        var ex = await Assert.ThrowsAsync<GrainStorageException>(
            () => storage.WriteStateAsync("s", GrainId.Create("t", "a\\b"), new GrainState<int>(1)));
        Assert.Contains("'\\'", ex.Message, StringComparison.Ordinal);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task Zombie_WithStaleETag_GetsInconsistentState()
    {
        // Two providers = two silos; the first activation is the zombie after the second takes over.
        using var zombieSilo = Azurite.NewGrainStorage("grainstate");
        using var liveSilo = Azurite.NewGrainStorage("grainstate");
        var id = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

        var zombie = new GrainState<ConformanceTestState>();
        await zombieSilo.ReadStateAsync("state", id, zombie);
        zombie.State.Counter = 1;
        await zombieSilo.WriteStateAsync("state", id, zombie);

        var live = new GrainState<ConformanceTestState>();
        await liveSilo.ReadStateAsync("state", id, live);
        live.State.Counter = 2;
        await liveSilo.WriteStateAsync("state", id, live);

        zombie.State.Counter = 100;
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => zombieSilo.WriteStateAsync("state", id, zombie));
        Assert.Equal(zombie.ETag, ex.CurrentEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => zombieSilo.ClearStateAsync("state", id, zombie));

        var check = new GrainState<ConformanceTestState>();
        await liveSilo.ReadStateAsync("state", id, check);
        Assert.Equal(2, check.State.Counter);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task WrongAccountKey_FailsHostStartWithAClearMessage()
    {
        var badKey = Convert.ToBase64String(new byte[64]);
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={badKey};BlobEndpoint={Azurite.Account.BlobEndpoint}";
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAzureBlobGrainStorage("Default", o =>
        {
            o.ConnectionString = connection;
            o.Client = Azurite.FastClientOptions();
        });
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<GrainStorageException>(() => host.StartAsync());
        Assert.Contains("Azure Blob authentication failed for account 'devstoreaccount1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the account key", ex.Message, StringComparison.Ordinal);
        Assert.IsType<AzureBlobException>(ex.InnerException);
    }

    [ServiceFact(Azurite.Variable)]
    public async Task HostStart_CreatesTheContainers_AndRegistersKeyedProviders()
    {
        var container = Azurite.NewContainerName("hosted");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAzureBlobGrainStorage("Default", o =>
        {
            o.ConnectionString = Azurite.ConnectionString;
            o.ContainerName = container;
        });
        builder.Services.AddAzureBlobObjectStore("blocks", o =>
        {
            o.ConnectionString = Azurite.ConnectionString;
            o.ContainerName = container + "-o";
        });
        using var host = builder.Build();
        await host.StartAsync();
        var storage = Assert.IsType<AzureBlobGrainStorage>(host.Services.GetRequiredService<IGrainStorage>());
        Assert.Same(storage, host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
        Assert.IsType<AzureBlobObjectStore>(host.Services.GetRequiredKeyedService<IObjectStore>("blocks"));
        Assert.NotNull(await storage.Client.ListBlobsPageAsync(container));
        Assert.NotNull(await storage.Client.ListBlobsPageAsync(container + "-o"));
        await host.StopAsync();
        await storage.Client.DeleteContainerAsync(container);
        await storage.Client.DeleteContainerAsync(container + "-o");
    }

    [Theory]
    [InlineData(null, "grainstate", "ConnectionString is required")]
    [InlineData("AccountName=a", "grainstate", "no AccountKey")]
    [InlineData("UseDevelopmentStorage=true", "Bad_Name", "container name 'Bad_Name' is invalid")]
    public async Task InvalidOptions_FailAtHostStart(string? connection, string container, string messagePart)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAzureBlobGrainStorage("broken", o =>
        {
            o.ConnectionString = connection;
            o.ContainerName = container;
        });
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    private static async Task WaitForContainerGoneAsync(AzureBlobClient client, string container)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                await client.ListBlobsPageAsync(container);
            }
            catch (AzureBlobException ex) when (ex.StatusCode == 404)
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
