using Hemi.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Runtime;

internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Activated {GrainId} as {ActivationId}")]
    public static partial void Activated(this ILogger logger, GrainId grainId, ActivationId activationId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Deactivated {GrainId} {ActivationId}: {Reason}")]
    public static partial void Deactivated(this ILogger logger, GrainId grainId, ActivationId activationId, DeactivationReason reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
    public static partial void OnDeactivateFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Unregistering {GrainId} from the directory failed")]
    public static partial void DirectoryUnregisterFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "Dropped {Message}: its caller already timed out")]
    public static partial void DroppedExpired(this ILogger logger, Message message);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "{MethodName} on {GrainId} failed")]
    public static partial void TurnFailed(this ILogger logger, Exception exception, GrainId grainId, string methodName);
}
