using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// One running <c>hemi-cluster-testhost</c> process (<c>dotnet hemi-cluster-testhost.dll</c>): started, waited for
/// until it prints READY (Active in membership), then killed (SIGKILL), frozen (SIGSTOP), thawed (SIGCONT) or
/// stopped (SIGTERM). Commands go to its stdin (<see cref="SendAsync"/>); its stdout lines are kept for
/// <see cref="WaitForLineAsync"/> and, with stderr, for failure reports.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private readonly Process _process;
    private readonly object _gate = new();
    private readonly object _stdinGate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _log = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextCommandId;
    private bool _exited;

    private SiloProcess(Process process, string name, int siloPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
    }

    /// <summary>The harness's name for this process (e.g. <c>silo2</c>, <c>silo2#r1</c> after a restart).</summary>
    public string Name { get; }

    /// <summary>The silo-to-silo port it was told to use.</summary>
    public int SiloPort { get; }

    /// <summary>Its silo address (endpoint and generation) from the READY line.</summary>
    public SiloAddress Address { get; private set; } = null!;

    /// <summary>The address in its stored text form (<c>127.0.0.1:port@generation</c>).</summary>
    public string AddressText => SiloAddressText.Format(Address);

    /// <summary>The client gateway port from the READY line (0 = none).</summary>
    public int GatewayPort { get; private set; }

    /// <summary>The OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether it was frozen with <see cref="Freeze"/> and not thawed since.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The exit code once exited (SIGKILL shows as 137).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Its stdout lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts a test host and waits for its READY line.</summary>
    /// <param name="name">Name in reports.</param>
    /// <param name="arguments">Test host arguments (<c>--cluster-id</c> …; see TestHostOptions).</param>
    /// <param name="siloPort">The port the silo was given (for restarts on the same endpoint).</param>
    /// <param name="readyTimeout">How long start-up may take (a join waits for unreachable silos to be voted out).</param>
    public static async Task<SiloProcess> StartAsync(string name, IReadOnlyList<string> arguments, int siloPort, TimeSpan readyTimeout)
    {
        var dll = TestHostLayout.FindTestHostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        // Several silos share two cores with the test process: workstation GC keeps each process small.
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, name, siloPort);
        process.OutputDataReceived += (_, e) => silo.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnStderr(e.Data);
        process.Exited += (_, _) => silo.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await silo.WaitForLineAsync(l => l.StartsWith("READY ", StringComparison.Ordinal) || l.StartsWith("FAILED ", StringComparison.Ordinal), readyTimeout, "READY");
            if (ready.StartsWith("FAILED ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name} could not start: {ready}\n{silo.OutputTail()}");
            }

            silo.ParseReady(ready);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL: the process ends at once, with no goodbye write of any kind. Waits until it is reaped.</summary>
    public async Task KillAsync()
    {
        if (!HasExited)
        {
            Signal(SigKill);
        }

        await _process.WaitForExitAsync();
        IsFrozen = false;
    }

    /// <summary>SIGSTOP: every thread stops (timers, heartbeats, probes' answers) while sockets stay open.</summary>
    public void Freeze()
    {
        Signal(SigStop);
        IsFrozen = true;
        Log("harness: SIGSTOP");
    }

    /// <summary>SIGCONT: resumes a frozen process exactly where it stopped.</summary>
    public void Thaw()
    {
        Signal(SigCont);
        IsFrozen = false;
        Log("harness: SIGCONT");
    }

    /// <summary>SIGTERM and wait for a graceful exit; SIGKILL after <paramref name="grace"/>. True when it exited by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return false;
        }

        if (IsFrozen)
        {
            Thaw();
        }

        Signal(SigTerm);
        if (await WaitForExitAsync(grace))
        {
            return true;
        }

        await KillAsync();
        return false;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit on its own; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one control command (e.g. <c>increment k</c>) and returns the text after <c>OK</c>; an <c>ERR</c> reply
    /// throws <see cref="ControlCommandException"/>, no reply within <paramref name="timeout"/> a <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<string> SendAsync(string command, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextCommandId).ToString(CultureInfo.InvariantCulture);
        var prefix = "@" + id + " ";
        var fromLine = Lines.Count;
        lock (_stdinGate)
        {
            _process.StandardInput.WriteLine(id + " " + command);
            _process.StandardInput.Flush();
        }

        var reply = await WaitForLineAsync(l => l.StartsWith(prefix, StringComparison.Ordinal), timeout ?? TimeSpan.FromSeconds(60), $"reply to '{command}'", fromLine);
        var body = reply[prefix.Length..];
        if (body.StartsWith("OK", StringComparison.Ordinal))
        {
            return body.Length > 3 ? body[3..] : string.Empty;
        }

        var error = body.Length > 4 ? body[4..] : string.Empty;
        var space = error.IndexOf(' ', StringComparison.Ordinal);
        throw space < 0
            ? new ControlCommandException(command, error, string.Empty)
            : new ControlCommandException(command, error[..space], error[(space + 1)..]);
    }

    /// <summary>This silo's membership view: its version and each member's status as the silo sees it.</summary>
    public async Task<(long Version, IReadOnlyDictionary<string, SiloStatus> Members)> GetMembershipViewAsync()
    {
        var reply = await SendAsync("status", TimeSpan.FromSeconds(20));
        var space = reply.IndexOf(' ', StringComparison.Ordinal);
        var version = long.Parse(space < 0 ? reply : reply[..space], CultureInfo.InvariantCulture);
        var members = new Dictionary<string, SiloStatus>(StringComparer.Ordinal);
        if (space >= 0)
        {
            foreach (var pair in reply[(space + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.LastIndexOf('=');
                members[pair[..eq]] = Enum.Parse<SiloStatus>(pair[(eq + 1)..]);
            }
        }

        return (version, members);
    }

    /// <summary>
    /// Waits for a stdout line matching <paramref name="predicate"/> (looking from line <paramref name="fromLine"/>),
    /// failing with the output tail when the process exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what, int fromLine = 0)
    {
        var deadline = Stopwatch.StartNew();
        var next = fromLine;
        while (true)
        {
            Task changed;
            bool exited;
            lock (_gate)
            {
                for (; next < _lines.Count; next++)
                {
                    if (predicate(_lines[next]))
                    {
                        return _lines[next];
                    }
                }

                changed = _changed.Task;
                exited = _exited;
            }

            if (exited)
            {
                throw new InvalidOperationException($"{Name} exited (code {SafeExitCode()}) before printing {what}.\n{OutputTail()}");
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{Name} did not print {what} within {timeout.TotalSeconds:0.#} s.\n{OutputTail()}");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>Everything it printed (stdout and stderr interleaved, with harness notes), for failure reports.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The last <paramref name="characters"/> of <see cref="Output"/>.</summary>
    public string OutputTail(int characters = 8000)
    {
        var all = Output;
        return $"--- {Name} ({(Address is null ? "not ready" : AddressText)}, pid {SafePid()}, {(HasExited ? "exit " + SafeExitCode() : "running")}) ---\n" +
               (all.Length <= characters ? all : "…" + all[^characters..]);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!HasExited)
            {
                // Tests are over: no need to be graceful, and a frozen process ignores SIGTERM anyway.
                Signal(SigKill);
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void ParseReady(string line)
    {
        foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = (field[..eq], field[(eq + 1)..]);
            if (key == "silo")
            {
                Address = SiloAddressText.TryParse(value, out var address)
                    ? address
                    : throw new FormatException($"READY line has a bad silo address: {line}");
            }
            else if (key == "gateway")
            {
                GatewayPort = int.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        if (Address is null)
        {
            throw new FormatException($"READY line without a silo address: {line}");
        }
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
            _log.Append(Stamp()).Append("out ").AppendLine(line);
            Pulse();
        }
    }

    private void OnStderr(string? line)
    {
        if (line is not null)
        {
            Log("err " + line);
        }
    }

    private void OnExited()
    {
        // Output events may still be draining; WaitForExit() without a timeout flushes them first.
        try
        {
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        lock (_gate)
        {
            _exited = true;
            _log.Append(Stamp()).Append("harness: exited with code ").AppendLine(SafeExitCode());
            Pulse();
        }
    }

    private void Log(string text)
    {
        lock (_gate)
        {
            _log.Append(Stamp()).AppendLine(text);
        }
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private string Stamp() => _clock.Elapsed.TotalSeconds.ToString("0000.000 ", CultureInfo.InvariantCulture);

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private string SafePid()
    {
        try
        {
            return _process.Id.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void Signal(int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("The process harness needs POSIX signals.");
        }

        if (signal is SigStop or SigCont && OperatingSystem.IsMacOS())
        {
            signal = signal == SigStop ? 17 : 19;
        }

        if (SendSignal(_process.Id, signal) != 0 && !HasExited)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
