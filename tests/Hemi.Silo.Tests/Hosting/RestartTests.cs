using Hemi.Ethereum;
using Microsoft.Extensions.DependencyInjection;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Hosting;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_OverTheSameDataFolder_ContinuesTheSameChain()
    {
        var data = Path.Combine(Path.GetTempPath(), "hemi-silo-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string sentHash;
            string blockHash;
            ulong blockNumber;
            ulong bitcoinHeight;
            await using (var silo = await SiloInstance.StartAsync(data))
            {
                using var wallet = new DevWallet(silo.Rpc, 0);
                sentHash = await wallet.SendAsync(await wallet.SignAsync(Address.Parse("0x00000000000000000000000000000000000000bb"), 5));
                var receipt = await wallet.WaitForReceiptAsync(sentHash);
                blockNumber = Hex.ULong(receipt.GetProperty("blockNumber"));
                blockHash = receipt.GetProperty("blockHash").GetString()!;
                using var health = System.Text.Json.JsonDocument.Parse(await silo.Http.GetStringAsync("/health"));
                bitcoinHeight = (ulong)health.RootElement.GetProperty("bitcoin").GetProperty("height").GetInt32();
            }

            await using (var silo = await SiloInstance.StartAsync(data))
            {
                var block = await silo.Rpc.CallAsync("eth_getBlockByNumber", Hex.Q(blockNumber), false);
                Assert.Equal(blockHash, block.GetProperty("hash").GetString());
                var receipt = await silo.Rpc.CallAsync("eth_getTransactionReceipt", sentHash);
                Assert.Equal(blockHash, receipt.GetProperty("blockHash").GetString());
                await silo.WaitForBlockAsync(blockNumber + 2);
                Assert.Equal("0x5", (await silo.Rpc.CallAsync("eth_getBalance", "0x00000000000000000000000000000000000000bb", "latest")).GetString());
                using var health = System.Text.Json.JsonDocument.Parse(await silo.Http.GetStringAsync("/health"));
                Assert.True((ulong)health.RootElement.GetProperty("bitcoin").GetProperty("height").GetInt32() >= bitcoinHeight);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task ChangedGenesis_StopsTheHostWithAFailureCode()
    {
        var data = Path.Combine(Path.GetTempPath(), "hemi-silo-genesis-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var silo = await SiloInstance.StartAsync(data))
            {
                await silo.WaitForBlockAsync(1);
            }

            await using var changed = await SiloInstance.StartAsync(data, "--Hemi:DevAccounts:Count=2");
            var lifetime = changed.App.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(1, changed.App.Services.GetRequiredService<Hemi.Silo.Hosting.HostExitCode>().Value);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
