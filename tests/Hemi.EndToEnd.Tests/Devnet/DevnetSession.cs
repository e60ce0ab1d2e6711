using System.Diagnostics;
using System.Numerics;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.EndToEnd.Tests.Rpc;
using Hemi.Ethereum;
using Xunit.Abstractions;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>
/// One devnet silo process for a test: a temp data folder (deleted at the end), the JSON-RPC client, the dev accounts it
/// printed, and restart over the same folder. The silo's output goes to the test log when the session ends.
/// </summary>
internal sealed class DevnetSession : IAsyncDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyList<string> _arguments;
    private readonly bool _ownsFolder;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private DevnetSession(ITestOutputHelper log, string dataFolder, bool ownsFolder, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        _log = log;
        DataFolder = dataFolder;
        _ownsFolder = ownsFolder;
        _arguments = arguments;
        _environment = environment;
    }

    public string DataFolder { get; }

    public SiloProcess Silo { get; private set; } = null!;

    public JsonRpcClient Rpc { get; private set; } = null!;

    public IReadOnlyList<DevAccount> Accounts { get; private set; } = [];

    public ulong ChainId { get; private set; }

    /// <summary>The hemiBTC address the tests deploy (configured, so the tests know it without parsing logs).</summary>
    public const string HemiBtcAddress = "0xaa00000000000000000000000000000000000001";

    /// <summary>
    /// The devnet settings the end-to-end tests use (the silo's <c>HEMI_</c> environment keys, see HemiSiloHost):
    /// 1 s L2 blocks and keystone period 25 (the devnet defaults, stated explicitly); regtest Bitcoin mined every second
    /// and a miner/chain pass every second, so PoP publications gather confirmations quickly; the regtest node's
    /// bitcoind-compatible RPC port disabled (its default 18443 is fixed and would collide between parallel silos).
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastDevnet { get; } = new Dictionary<string, string>
    {
        ["HEMI_SEQUENCER__BLOCKINTERVAL"] = "00:00:01",
        ["HEMI_SEQUENCER__KEYSTONEPERIOD"] = "25",
        ["HEMI_SEQUENCER__HEMIBTCADDRESS"] = HemiBtcAddress,
        ["HEMI_BITCOIN__BLOCKINTERVAL"] = "00:00:01",
        ["HEMI_BITCOIN__POLLINTERVAL"] = "00:00:00.500",
        ["HEMI_BITCOIN__RPCPORT"] = "0",
        ["HEMI_POPMINER__LOOPINTERVAL"] = "00:00:01",
        ["HEMI_DEVACCOUNTS__COUNT"] = "10",
    };

    public static async Task<DevnetSession> StartAsync(
        ITestOutputHelper log,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? arguments = null,
        string? dataFolder = null)
    {
        var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "hemi-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var session = new DevnetSession(log, folder, dataFolder is null, arguments ?? [], environment ?? FastDevnet);
        await session.LaunchAsync();
        return session;
    }

    private async Task LaunchAsync()
    {
        Silo = await SiloProcess.StartAsync(DataFolder, _arguments, _environment);
        Rpc?.Dispose();
        Rpc = new JsonRpcClient(Silo.RpcUri);
        Log($"hemi-silo pid {Silo.ProcessId} healthy at {Silo.BaseUri} over {DataFolder}");
        ChainId = await Rpc.ChainIdAsync();
        if (Accounts.Count == 0)
        {
            await Silo.WaitForOutputAsync(o => DevnetBanner.Accounts(o).Count > 0, TimeSpan.FromSeconds(30), "funded dev account keys");
            Accounts = DevnetBanner.Accounts(Silo.Output);
            Log($"{Accounts.Count} dev accounts, chain id {ChainId}");
        }
    }

    /// <summary>SIGKILLs the silo (keeping its output in the log), then starts it again over the same data folder.</summary>
    public async Task KillAndRestartAsync()
    {
        await Silo.KillAsync();
        Log($"SIGKILLed pid {Silo.ProcessId}; its output:\n{Silo.OutputTail(4000)}");
        await Silo.DisposeAsync();
        await LaunchAsync();
    }

    /// <summary>SIGTERM (graceful shutdown), then a start over the same data folder; returns whether the stop was graceful and its exit code.</summary>
    public async Task<(bool Graceful, int ExitCode)> StopAndRestartAsync(TimeSpan grace)
    {
        var graceful = await Silo.StopAsync(grace);
        var exitCode = Silo.ExitCode;
        Log($"SIGTERM pid {Silo.ProcessId}: {(graceful ? "exited" : "had to be killed")} with code {exitCode}");
        await Silo.DisposeAsync();
        await LaunchAsync();
        return (graceful, exitCode);
    }

    public void Log(string message) => _log.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {message}");

    /// <summary>Waits until the chain head reaches <paramref name="number"/>.</summary>
    public async Task<ulong> WaitForBlockAsync(ulong number, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var head = await Rpc.BlockNumberAsync();
            if (head >= number)
            {
                return head;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the chain head stayed at {head}, below {number}, for {timeout.TotalSeconds:0} s.\n{Silo.OutputTail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Polls for a receipt; null when none arrived within <paramref name="timeout"/>.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject?> WaitForReceiptAsync(string hash, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await Rpc.ReceiptAsync(hash) is { } receipt)
            {
                return receipt;
            }

            await Task.Delay(150);
        }

        return null;
    }

    /// <summary>Fee caps generous enough to stay above the base fee while it rises under load.</summary>
    public async Task<(BigInteger MaxFee, BigInteger Tip)> FeesAsync()
    {
        var gasPrice = Quantity.ToBigInteger(await Rpc.CallAsync("eth_gasPrice"));
        var tip = Quantity.ToBigInteger(await Rpc.CallAsync("eth_maxPriorityFeePerGas"));
        return (gasPrice * 4 + tip + 1_000_000_000, tip);
    }

    public static Address FreshAddress()
    {
        Span<byte> bytes = stackalloc byte[20];
        Random.Shared.NextBytes(bytes);
        return new Address(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.StopAsync();
            _log.WriteLine("---- hemi-silo output (tail) ----\n" + Silo.OutputTail(8000));
            await Silo.DisposeAsync();
        }

        Rpc?.Dispose();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder is harmless.
            }
        }
    }
}
