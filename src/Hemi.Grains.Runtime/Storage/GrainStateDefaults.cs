namespace Hemi.Grains.Runtime.Storage;

/// <summary>The value a state takes when no record exists (Orleans: <c>new T()</c> when possible).</summary>
public static class GrainStateDefaults
{
    /// <summary>A new instance when <typeparamref name="T"/> has a public parameterless constructor, else <c>default</c>.</summary>
    public static T Create<T>()
    {
        var type = typeof(T);
        if (type.IsValueType || type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return default!;
        }

        return Activator.CreateInstance<T>();
    }

    /// <summary>Resets <paramref name="grainState"/> to "no record": default state, no ETag.</summary>
    public static void ResetToMissing<T>(IGrainState<T> grainState)
    {
        grainState.State = Create<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
