namespace Hemi.Grains.Runtime.Placement;

/// <summary>Picks a uniformly random compatible silo (Orleans: <c>RandomPlacementDirector</c>).</summary>
public sealed class RandomPlacementDirector : IPlacementDirector
{
    private readonly Random _random;
    private readonly Lock? _lock;

    /// <summary>Uses the thread-safe shared generator.</summary>
    public RandomPlacementDirector()
    {
        _random = Random.Shared;
    }

    /// <summary>Uses <paramref name="random"/> (e.g. seeded, for reproducible tests); calls are serialised on it.</summary>
    public RandomPlacementDirector(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _lock = new Lock();
    }

    /// <inheritdoc/>
    public SiloAddress OnAddActivation(GrainId grainId, IReadOnlyList<SiloAddress> compatibleSilos, SiloAddress localSilo)
    {
        ArgumentNullException.ThrowIfNull(compatibleSilos);
        if (compatibleSilos.Count == 0)
        {
            throw NoCompatibleSiloException.For(grainId);
        }

        return compatibleSilos[Next(compatibleSilos.Count)];
    }

    internal int Next(int count)
    {
        if (_lock is null)
        {
            return _random.Next(count);
        }

        lock (_lock)
        {
            return _random.Next(count);
        }
    }
}
