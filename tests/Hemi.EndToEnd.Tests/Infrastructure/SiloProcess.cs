using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Hemi.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real <c>hemi-silo</c> executable run as a child process (<c>dotnet hemi-silo.dll</c>) on a free loopback port
/// over a data folder: started, waited for on <c>/health</c>, killed with SIGKILL or stopped with SIGTERM.
/// Its console output is kept so tests can read what it printed (dev accounts) and show it on failure.
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();

    private SiloProcess(Process process, Uri baseUri, string dataFolder)
    {
        _process = process;
        BaseUri = baseUri;
        DataFolder = dataFolder;
    }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseUri { get; }

    /// <summary>The Ethereum JSON-RPC endpoint, <c>POST /rpc</c>.</summary>
    public Uri RpcUri => new(BaseUri, "rpc");

    public string DataFolder { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the silo printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The last <paramref name="characters"/> of <see cref="Output"/>, for failure messages.</summary>
    public string OutputTail(int characters = 6000)
    {
        var all = Output;
        return all.Length <= characters ? all : "…" + all[^characters..];
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the silo over <paramref name="dataFolder"/> and waits until <c>/health</c> answers 200.</summary>
    /// <param name="dataFolder">Kept between restarts: a restart over the same folder must resume the chain.</param>
    /// <param name="arguments">Extra command-line arguments (configuration overrides).</param>
    /// <param name="environment">Extra environment variables (configuration overrides such as <c>Hemi__…</c>).</param>
    /// <param name="port">The port to listen on; a free one when null. A restart may reuse the previous port.</param>
    public static async Task<SiloProcess> StartAsync(
        string dataFolder,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        int? port = null,
        TimeSpan? healthTimeout = null)
    {
        var dll = RepositoryLayout.FindSiloDll();
        Directory.CreateDirectory(dataFolder);
        var chosenPort = port ?? FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{chosenPort}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataFolder);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        // hemi-silo runs on server GC; tests start several processes on two cores, so they use workstation GC unless the
        // caller's environment (the end-to-end benchmark) says otherwise.
        start.Environment["DOTNET_gcServer"] = "0";

        // The silo's HEMI_ variables come after its command line in precedence; pin the two the harness owns.
        start.Environment["HEMI_URLS"] = baseUri.ToString().TrimEnd('/');
        start.Environment["HEMI_DATAPATH"] = dataFolder;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, baseUri, dataFolder);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitHealthyAsync(healthTimeout ?? TimeSpan.FromSeconds(90));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"hemi-silo exited with code {_process.ExitCode} before /health answered.\n{OutputTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"hemi-silo /health did not answer 200 within {timeout.TotalSeconds:0} s (last: {last}).\n{OutputTail()}");
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (e.g. the dev-account banner).</summary>
    public async Task WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!predicate(Output))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"hemi-silo never printed {what} within {timeout.TotalSeconds:0} s.\n{OutputTail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code runs, buffers are lost.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>The exit code once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// SIGTERM and wait for a graceful exit; SIGKILL if it does not exit within <paramref name="grace"/>.
    /// Returns whether it exited on its own (false: it had to be killed, or had already exited).
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return false;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SendSignal(_process.Id, 15);
        }

        using var cts = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
