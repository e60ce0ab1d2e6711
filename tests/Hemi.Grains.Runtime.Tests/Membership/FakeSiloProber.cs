using System.Collections.Concurrent;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Tests.Membership;

/// <summary>A controllable <see cref="ISiloProber"/>: probes of silos in <see cref="Unreachable"/> fail, others answer; every probe is recorded.</summary>
public sealed class FakeSiloProber : ISiloProber
{
    public ConcurrentDictionary<SiloAddress, bool> Unreachable { get; } = new();

    public ConcurrentQueue<SiloAddress> Probed { get; } = new();

    public void MakeUnreachable(SiloAddress silo) => Unreachable[silo] = true;

    public void MakeReachable(SiloAddress silo) => Unreachable.TryRemove(silo, out _);

    public Task Probe(SiloAddress silo, int probeNumber, CancellationToken cancellationToken)
    {
        Probed.Enqueue(silo);
        return Unreachable.ContainsKey(silo)
            ? Task.FromException(new SiloUnavailableException($"{silo} does not answer (fake)."))
            : Task.CompletedTask;
    }
}
