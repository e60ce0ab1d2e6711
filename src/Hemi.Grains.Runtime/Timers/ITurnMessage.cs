namespace Hemi.Grains.Runtime.Timers;

/// <summary>A runtime-internal message without a caller (e.g. a timer tick): its failures are logged.</summary>
internal interface ITurnMessage
{
}
