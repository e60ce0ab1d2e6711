using System.Net;
using System.Text.Json.Nodes;
using Hemi.PopMiner.Kss;
using Hemi.Protocol.Keystones;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hemi.PopMiner.Tests.TestSupport;

/// <summary>
/// A fake of a silo's kss JSON-RPC (not the real one): a tiny Kestrel app on a free loopback port answering
/// <c>kss_getLatestKeystones(count)</c> from a list the test controls, newest first, in op-geth's shape.
/// </summary>
public sealed class FakeKssServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<L2Keystone> _keystones = [];
    private readonly Lock _lock = new();

    private FakeKssServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public int Requests { get; private set; }

    /// <summary>Answers the next requests with this raw body instead (hostile-answer tests); null restores normal answers.</summary>
    public string? RawAnswer { get; set; }

    public static async Task<FakeKssServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeKssServer? server = null;
        app.MapPost("/rpc", (HttpContext context) => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeKssServer(app, new Uri(address.TrimEnd('/') + "/rpc"));
        return server;
    }

    public void Add(L2Keystone keystone)
    {
        lock (_lock)
        {
            _keystones.Add(keystone);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body);
        JsonNode response;
        lock (_lock)
        {
            Requests++;
            if (RawAnswer is { } raw)
            {
                context.Response.ContentType = "application/json";
                response = JsonValue.Create(raw)!;
            }
            else if ((string?)request?["method"] != "kss_getLatestKeystones")
            {
                response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request?["id"]?.DeepClone(), ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "method not found" } };
            }
            else
            {
                var count = (int)request["params"]![0]!;
                var latest = _keystones.OrderByDescending(k => k.L2BlockNumber).Take(count).Select(KeystoneJsonReader.Write);
                response = new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["id"] = request["id"]?.DeepClone(),
                    ["result"] = new JsonObject { ["keystones"] = new JsonArray([.. latest]), ["error"] = null },
                };
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(RawAnswer ?? response.ToJsonString());
    }
}
