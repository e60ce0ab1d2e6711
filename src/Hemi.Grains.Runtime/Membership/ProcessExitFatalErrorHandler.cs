using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The production <see cref="IFatalErrorHandler"/>: logs and ends the process with <see cref="Environment.FailFast(string?)"/>,
/// as Orleans does. No shutdown hooks run, so nothing (grain deactivation, state writes) can act for a Dead identity.
/// </summary>
public sealed partial class ProcessExitFatalErrorHandler(ILogger<ProcessExitFatalErrorHandler> logger) : IFatalErrorHandler
{
    /// <inheritdoc/>
    public void OnFatalError(string reason, Exception? exception)
    {
        LogFatal(exception, reason);
        Environment.FailFast($"Silo terminated: {reason}", exception);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Fatal: {Reason}; ending the process")]
    private partial void LogFatal(Exception? exception, string reason);
}
