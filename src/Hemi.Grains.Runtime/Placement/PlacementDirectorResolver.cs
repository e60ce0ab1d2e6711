using System.Collections.Concurrent;
using System.Reflection;

namespace Hemi.Grains.Runtime.Placement;

/// <summary>
/// Maps a grain class to its <see cref="PlacementStrategy"/> and that strategy's <see cref="IPlacementDirector"/>
/// (Orleans: <c>PlacementStrategyResolver</c> plus <c>PlacementDirectorResolver</c>). The strategy comes from the
/// <see cref="PlacementAttribute"/> on the class (inherited); <see cref="StatelessWorkerAttribute"/> classes are placed
/// locally (prefer-local); every other class gets <see cref="RandomPlacement"/>, as in Orleans. Routing code calls
/// <see cref="GetDirector(Type)"/> then <see cref="IPlacementDirector.OnAddActivation"/> with the active silos
/// (<see cref="ActiveSiloList"/>), or <see cref="PlaceActivation"/> which does both and checks the answer.
/// </summary>
public sealed class PlacementDirectorResolver
{
    private readonly ConcurrentDictionary<Type, PlacementStrategy> _strategies = new();
    private readonly RandomPlacementDirector _random;
    private readonly PreferLocalPlacementDirector _preferLocal;
    private readonly HashBasedPlacementDirector _hashBased;

    /// <summary>Creates the resolver with the default directors (random choices from <see cref="Random.Shared"/>).</summary>
    public PlacementDirectorResolver()
        : this(new RandomPlacementDirector(), new PreferLocalPlacementDirector(), new HashBasedPlacementDirector())
    {
    }

    /// <summary>Creates the resolver with the given directors (e.g. seeded random ones in tests).</summary>
    public PlacementDirectorResolver(RandomPlacementDirector random, PreferLocalPlacementDirector preferLocal, HashBasedPlacementDirector hashBased)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(preferLocal);
        ArgumentNullException.ThrowIfNull(hashBased);
        _random = random;
        _preferLocal = preferLocal;
        _hashBased = hashBased;
    }

    /// <summary>The strategy declared by <paramref name="grainClass"/> (cached per class).</summary>
    public PlacementStrategy GetStrategy(Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(grainClass);
        return _strategies.GetOrAdd(grainClass, static type =>
        {
            if (type.GetCustomAttribute<PlacementAttribute>(inherit: true) is { } placement)
            {
                return placement.Strategy;
            }

            // Stateless workers are activated where the call arrives (Orleans: StatelessWorkerDirector).
            return type.IsDefined(typeof(StatelessWorkerAttribute), inherit: true) ? PreferLocalPlacement.Instance : RandomPlacement.Instance;
        });
    }

    /// <summary>The director for the strategy of <paramref name="grainClass"/>.</summary>
    public IPlacementDirector GetDirector(Type grainClass) => GetDirector(GetStrategy(grainClass));

    /// <summary>The director for <paramref name="strategy"/>.</summary>
    public IPlacementDirector GetDirector(PlacementStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy switch
        {
            RandomPlacement => _random,
            PreferLocalPlacement => _preferLocal,
            HashBasedPlacement => _hashBased,
            _ => throw new ArgumentException($"No placement director for {strategy}.", nameof(strategy)),
        };
    }

    /// <summary>
    /// Chooses the silo for a new activation of <paramref name="grainId"/> (class <paramref name="grainClass"/>) among
    /// <paramref name="activeSilos"/>; throws <see cref="NoCompatibleSiloException"/> when the list is empty.
    /// </summary>
    public SiloAddress PlaceActivation(Type grainClass, GrainId grainId, ActiveSiloList activeSilos, SiloAddress localSilo)
    {
        ArgumentNullException.ThrowIfNull(activeSilos);
        ArgumentNullException.ThrowIfNull(localSilo);
        var target = GetDirector(grainClass).OnAddActivation(grainId, activeSilos, localSilo);
        if (!activeSilos.Contains(target))
        {
            // A director bug must not send an activation to a silo that is not active in the view (invariant I4).
            throw new InvalidOperationException($"Placement of {grainId} chose {target}, which is not active in {activeSilos}.");
        }

        return target;
    }
}
