using System.Reflection;

namespace Hemi.Grains.Runtime.Metadata;

/// <summary>What the runtime knows about one grain class, read once at startup (attributes, type name, interfaces).</summary>
public sealed class GrainClassInfo
{
    internal GrainClassInfo(Type classType)
    {
        ClassType = classType;
        GrainType = new GrainType(classType.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.GrainType ?? DefaultGrainTypeName(classType));
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        IsKeepAlive = classType.IsDefined(typeof(KeepAliveAttribute), inherit: true);
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Amount;
        if (classType.GetCustomAttribute<StatelessWorkerAttribute>(inherit: true) is { } worker)
        {
            MaxLocalWorkers = worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount;
        }

        GrainInterfaces = classType.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && !IsKeyMarker(i)).ToArray();
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
    }

    /// <summary>The grain class.</summary>
    public Type ClassType { get; }

    /// <summary>Its grain type name.</summary>
    public GrainType GrainType { get; }

    /// <summary>Has <see cref="ReentrantAttribute"/>.</summary>
    public bool IsReentrant { get; }

    /// <summary>Has <see cref="KeepAliveAttribute"/>.</summary>
    public bool IsKeepAlive { get; }

    /// <summary>Implements <see cref="IRemindable"/>.</summary>
    public bool IsRemindable { get; }

    /// <summary>Per-class idle age, if set.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>0 for a normal grain; otherwise the stateless-worker limit per silo.</summary>
    public int MaxLocalWorkers { get; }

    /// <summary>True for <see cref="StatelessWorkerAttribute"/> classes.</summary>
    public bool IsStatelessWorker => MaxLocalWorkers > 0;

    /// <summary>The grain interfaces the class implements.</summary>
    public IReadOnlyList<Type> GrainInterfaces { get; }

    /// <summary>Orleans' convention: lower-cased class name without generic arity and without a trailing "Grain".</summary>
    public static string DefaultGrainTypeName(Type classType)
    {
        ArgumentNullException.ThrowIfNull(classType);
        string name = classType.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.Length > "Grain".Length && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }

    private static bool IsKeyMarker(Type type)
        => type == typeof(IGrainWithStringKey) || type == typeof(IGrainWithGuidKey) || type == typeof(IGrainWithIntegerKey)
        || type == typeof(IGrainWithGuidCompoundKey) || type == typeof(IGrainWithIntegerCompoundKey);
}
