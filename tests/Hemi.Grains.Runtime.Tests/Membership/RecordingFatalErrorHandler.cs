using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>Records fatal errors instead of ending the test process.</summary>
public sealed class RecordingFatalErrorHandler : IFatalErrorHandler
{
    public ConcurrentQueue<string> Reasons { get; } = new();

    public void OnFatalError(string reason, Exception? exception) => Reasons.Enqueue(reason);
}
