using System.Runtime.InteropServices;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.TestHost.Hosting;

/// <summary>
/// The test host's <see cref="IFatalErrorHandler"/>: prints <c>FATAL reason</c> and ends the process at once with
/// exit code <see cref="ExitCode"/> through libc <c>_exit</c>: no managed shutdown (no grain deactivation, no
/// membership write) can act for a silo that learnt it is Dead, as with Orleans' FailFast, but with a distinct
/// code and without a crash dump, so the harness can tell "terminated itself" from "crashed".
/// </summary>
public sealed partial class ExitingFatalErrorHandler(HostEvents events) : IFatalErrorHandler
{
    /// <summary>The exit code of a self-terminated silo (EX_SOFTWARE).</summary>
    public const int ExitCode = 70;

    /// <inheritdoc/>
    public void OnFatalError(string reason, Exception? exception)
    {
        try
        {
            events.Line($"FATAL {reason}{(exception is null ? string.Empty : " " + exception.GetType().Name)}");
            Console.Error.Flush();
        }
        finally
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                Exit(ExitCode);
            }

            Environment.FailFast("Silo terminated: " + reason, exception);
        }
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);
}
