using System.Collections;
using Hemi.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>
/// The real <c>hemi-silo</c> application started in process on a free loopback port over a temporary data folder, with
/// short intervals (L2 blocks every 250 ms, a Bitcoin block every second, PoP passes every second) and no fixed ports.
/// </summary>
public sealed class SiloInstance : IAsyncDisposable
{
    private readonly bool _ownsData;

    private SiloInstance(WebApplication app, Uri address, string dataPath, bool ownsData)
    {
        App = app;
        Address = address;
        DataPath = dataPath;
        _ownsData = ownsData;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Rpc = new RpcClient(Http);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public string DataPath { get; }

    public HttpClient Http { get; }

    public RpcClient Rpc { get; }

    public static string[] TestArguments(string dataPath) =>
    [
        "--urls", "http://127.0.0.1:0",
        "--data", dataPath,
        "--Hemi:Bitcoin:RpcPort=0",
        "--Hemi:Bitcoin:BlockInterval=00:00:01",
        "--Hemi:Bitcoin:PollInterval=00:00:00.500",
        "--Hemi:PopMiner:LoopInterval=00:00:01",
        "--Hemi:Sequencer:BlockInterval=00:00:00.250",
        "--Hemi:DevAccounts:Count=4",
        "--Hemi:DevAccounts:Print=false",
        "--Logging:LogLevel:Default=Warning",
    ];

    public static async Task<SiloInstance> StartAsync(string? dataPath = null, params string[] extraArguments)
    {
        var ownsData = dataPath is null;
        dataPath ??= Path.Combine(Path.GetTempPath(), "hemi-silo-tests-" + Guid.NewGuid().ToString("N"));
        var builder = HemiSiloHost.CreateBuilder([.. TestArguments(dataPath), .. extraArguments], new Hashtable());
        var app = HemiSiloHost.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SiloInstance(app, new Uri(address), dataPath, ownsData);
    }

    /// <summary>Waits until the chain has sealed block <paramref name="number"/>.</summary>
    public async Task WaitForBlockAsync(ulong number, TimeSpan? timeout = null)
    {
        await Eventually.UntilAsync(
            async () => Hex.ULong(await Rpc.CallAsync("eth_blockNumber")) >= number,
            timeout ?? TimeSpan.FromSeconds(30),
            $"block {number} was not sealed");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsData)
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
