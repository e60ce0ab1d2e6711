using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Hemi.Silo.Devnet;
using Hemi.Silo.Tests.TestInfrastructure;

namespace Hemi.Silo.Tests.Hosting;

/// <summary>The real executable: prints the dev accounts, serves, and exits 0 on SIGTERM after stopping the silo.</summary>
public sealed partial class ProcessLifecycleTests
{
    [Fact]
    public async Task Executable_PrintsDevAccountsAndExitsZeroOnSigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var data = Path.Combine(Path.GetTempPath(), "hemi-silo-process-" + Guid.NewGuid().ToString("N"));
        var dll = Path.Combine(AppContext.BaseDirectory, "hemi-silo.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in SiloInstance.TestArguments(data).Where(a => a != "--Hemi:DevAccounts:Print=false" && !a.StartsWith("--Logging", StringComparison.Ordinal)))
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var banner = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }

            if (e.Data.StartsWith("=====", StringComparison.Ordinal) && output.ToString().Contains("private key", StringComparison.Ordinal))
            {
                banner.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await banner.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var text = output.ToString();
            Assert.Contains(DevAccounts.Derive(1)[0].Address.ToChecksumString(), text, StringComparison.Ordinal);
            Assert.Contains("DEVNET ONLY", text, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = address };
            var rpc = new RpcClient(http);
            Assert.Equal("0x7164a9", (await rpc.CallAsync("eth_chainId")).GetString());

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45));
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{output}");
            Assert.Contains("stopping", output.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
