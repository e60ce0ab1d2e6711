using Hemi.Grains.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime;

/// <summary>
/// Idle activation collection (Orleans: <c>ActivationCollector</c>): every <c>CollectionQuantum</c> it asks
/// activations idle for longer than their collection age to deactivate. The final idle check runs on each
/// activation's own scheduler, so a request arriving meanwhile wins. Driven by the silo's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ActivationCollector(Catalog catalog, TimeProvider timeProvider, IOptions<GrainCollectionOptions> options)
{
    private readonly GrainCollectionOptions _options = options.Value;
    private ITimer? _timer;

    public void Start()
    {
        var quantum = _options.CollectionQuantum;
        _timer = timeProvider.CreateTimer(static s => ((ActivationCollector)s!).CollectNow(), this, quantum, quantum);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Runs one collection pass; returns how many activations were asked to deactivate.</summary>
    public int CollectNow()
    {
        long now = timeProvider.GetTimestamp();
        int count = 0;
        foreach (var activation in catalog.AllActivations())
        {
            var age = AgeOf(activation);
            if (activation.IsCollectionCandidate(now, age))
            {
                activation.CollectIfIdle(age);
                count++;
            }
        }

        return count;
    }

    private TimeSpan AgeOf(ActivationData activation)
    {
        if (_options.ClassSpecificCollectionAge.TryGetValue(activation.GrainClass.GrainType.Value, out var age))
        {
            return age;
        }

        return activation.GrainClass.CollectionAge ?? _options.CollectionAge;
    }
}
