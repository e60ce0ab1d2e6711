using Hemi.Bitcoin.Node;
using Hemi.Bitcoin.Node.Rpc;
using Hemi.Crypto.Secp256k1;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Pop;
using Hemi.Silo.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Silo.Devnet;

/// <summary>
/// Owns the embedded regtest node: opens it over the object store at start (the chain persists there), mines the
/// initial blocks that fund the PoP miner, mines on a timer, and serves its bitcoind JSON-RPC on loopback. Registered
/// before the silo, so it starts first and stops last.
/// </summary>
public sealed partial class BitcoinNodeHost(
    IObjectStore store,
    IOptions<BitcoinOptions> bitcoin,
    IOptions<PopMinerSection> popMiner,
    ILogger<BitcoinNodeHost> logger) : IHostedService, IAsyncDisposable
{
    private RegtestNode? _node;
    private RegtestRpcServer? _rpc;

    /// <summary>The node; throws before the host started.</summary>
    public RegtestNode Node => _node ?? throw new InvalidOperationException("The embedded Bitcoin node is not started yet.");

    /// <summary>The bitcoind JSON-RPC address, or null when disabled.</summary>
    public Uri? RpcEndpoint => _rpc?.Endpoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = bitcoin.Value;
        var script = MiningScript();
        var nodeOptions = new RegtestNodeOptions { StorePrefix = "regtest" };
        if (options.BlockInterval > TimeSpan.Zero)
        {
            nodeOptions.BlockInterval = options.BlockInterval;
            nodeOptions.TimerMiningScriptPubKey = script;
        }

        _node = await RegtestNode.CreateAsync(store, nodeOptions, ct: cancellationToken);
        var tip = await _node.GetTipAsync(cancellationToken);
        if (tip.Height < options.InitialBlocks)
        {
            // Coinbases mature after 100 blocks: the blocks above the 100th give the PoP miner spendable coins at once.
            await _node.GenerateToAddressAsync(options.InitialBlocks - tip.Height, script, cancellationToken);
            tip = await _node.GetTipAsync(cancellationToken);
        }

        LogNodeStarted(logger, tip.Height, options.BlockInterval);
        if (options.RpcPort != 0)
        {
            try
            {
                _rpc = await RegtestRpcServer.StartAsync(_node, new RegtestRpcOptions { Port = options.RpcPort }, cancellationToken);
            }
            catch (IOException e)
            {
                throw new Hosting.SiloStartupException(
                    $"the regtest node's RPC port 127.0.0.1:{options.RpcPort} is not available ({e.Message}); set Hemi:Bitcoin:RpcPort (--bitcoin-rpc-port) to a free port, or 0 to disable it.",
                    e);
            }
            LogRpcStarted(logger, _rpc.Endpoint);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_rpc is { } rpc)
        {
            _rpc = null;
            await rpc.DisposeAsync();
        }

        if (_node is { } node)
        {
            _node = null;
            await node.DisposeAsync();
        }
    }

    /// <summary>Blocks pay the PoP miner's P2PKH script, which funds it; without a miner they pay a fixed devnet key.</summary>
    private byte[] MiningScript()
    {
        var section = popMiner.Value;
        var keyHex = section.Enabled ? section.PrivateKeyHex : new PopMinerSection().PrivateKeyHex;
        using var key = PrivateKey.FromBytes(Convert.FromHexString(keyHex));
        return PopTransactionFactory.MinerScript(key.PublicKey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded regtest Bitcoin node at height {Height}, mining every {Interval}")]
    private static partial void LogNodeStarted(ILogger logger, int height, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "bitcoind-compatible JSON-RPC of the regtest node on {Endpoint} (no authentication, loopback only)")]
    private static partial void LogRpcStarted(ILogger logger, Uri endpoint);
}
