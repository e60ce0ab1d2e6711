namespace Hemi.Grains.Runtime;

/// <summary>
/// Many activations of this grain class may exist per silo for one key; calls go to the least busy one and a new one
/// is added only when all are busy, up to <see cref="MaxLocalWorkers"/> (default: processor count).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = -1) : Attribute
{
    /// <summary>Maximum activations per key on one silo; -1 means <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}
