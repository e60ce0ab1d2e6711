using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hemi.Silo.Devnet;
using Hemi.Silo.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Silo.Tests.Gateway;

/// <summary>The embedded node's bitcoind JSON-RPC on loopback (what <c>hemi-popm</c> and bitcoin-cli-style tools use).</summary>
public sealed class BitcoinRpcExposureTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task RegtestRpc_ServesBitcoindCallsOnTheConfiguredPort()
    {
        var port = FreePort();
        await using var silo = await SiloInstance.StartAsync(null, $"--Hemi:Bitcoin:RpcPort={port}");
        var host = silo.App.Services.GetRequiredService<BitcoinNodeHost>();
        Assert.Equal(port, host.RpcEndpoint!.Port);
        Assert.Equal("127.0.0.1", host.RpcEndpoint.Host);
        using var http = new HttpClient();
        using var content = new StringContent("""{"jsonrpc":"1.0","id":"t","method":"getblockcount","params":[]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"http://127.0.0.1:{port}/", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(document.RootElement.GetProperty("result").GetInt32() >= 110);
    }

    [Fact]
    public async Task RegtestRpc_PortZeroDisablesIt()
    {
        await using var silo = await SiloInstance.StartAsync();
        Assert.Null(silo.App.Services.GetRequiredService<BitcoinNodeHost>().RpcEndpoint);
    }

    [Fact]
    public async Task JsonRpc_AnswersCorsPreflight()
    {
        await using var silo = await SiloInstance.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/rpc");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
