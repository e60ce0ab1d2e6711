using System.Text.Json;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Hosting;

/// <summary>The silo on Azure Blob storage (Azurite, started by the test command) instead of files.</summary>
public sealed class AzureBlobStorageTests
{
    private const string ConnectionVariable = "HEMI_AZURITE_CONNECTION_STRING";

    [ServiceFact(ConnectionVariable)]
    public async Task Silo_OnAzureBlobStorage_SealsAndKeepsItsChainAcrossRestart()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        string[] arguments =
        [
            "--Hemi:Storage:Provider=AzureBlob",
            "--Hemi:Storage:ConnectionString=" + Environment.GetEnvironmentVariable(ConnectionVariable),
            "--Hemi:Storage:GrainStateContainer=silo-state-" + suffix,
            "--Hemi:Storage:ObjectContainer=silo-objects-" + suffix,
        ];
        string hash;
        await using (var silo = await SiloInstance.StartAsync(null, arguments))
        {
            await silo.WaitForBlockAsync(3);
            using var health = JsonDocument.Parse(await silo.Http.GetStringAsync("/health"));
            Assert.Equal("AzureBlob", health.RootElement.GetProperty("storage").GetProperty("provider").GetString());
            Assert.True(health.RootElement.GetProperty("storage").GetProperty("ok").GetBoolean());
            hash = (await silo.Rpc.CallAsync("eth_getBlockByNumber", "0x3", false)).GetProperty("hash").GetString()!;
        }

        await using (var silo = await SiloInstance.StartAsync(null, arguments))
        {
            Assert.Equal(hash, (await silo.Rpc.CallAsync("eth_getBlockByNumber", "0x3", false)).GetProperty("hash").GetString());
            await silo.WaitForBlockAsync(5);
        }
    }
}
