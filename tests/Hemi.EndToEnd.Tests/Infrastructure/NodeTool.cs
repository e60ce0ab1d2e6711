using System.Diagnostics;
using System.Text;

namespace Hemi.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the Node.js scripts under tests/e2e/ethers and says why they cannot run when Node or the packages are missing.</summary>
internal static class NodeTool
{
    /// <summary>Why the ethers scripts cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? MissingReason { get; } = FindMissingReason();

    private static string? FindMissingReason()
    {
        if (FindOnPath("node") is null)
        {
            return "SKIPPED: 'node' is not on PATH (install Node.js >= 18 to run the ethers end-to-end script).";
        }

        string ethers;
        try
        {
            ethers = RepositoryLayout.EthersFolder;
        }
        catch (InvalidOperationException e)
        {
            return "SKIPPED: " + e.Message;
        }

        return Directory.Exists(Path.Combine(ethers, "node_modules", "ethers"))
            ? null
            : $"SKIPPED: {Path.Combine(ethers, "node_modules")} is missing (run 'npm ci' in tests/e2e/ethers; build/install-deps.sh does).";
    }

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs <c>node script args…</c> in the ethers folder; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<NodeResult> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryLayout.EthersFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"node {script} did not finish within {timeout.TotalSeconds:0} s.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }

        // The parameterless wait drains the redirected streams.
        process.WaitForExit();
        return new NodeResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>What a finished Node.js script printed and returned.</summary>
internal sealed record NodeResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
