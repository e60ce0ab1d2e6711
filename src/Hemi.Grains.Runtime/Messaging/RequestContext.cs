namespace Hemi.Grains.Runtime;

/// <summary>
/// Ambient key/value data that flows with grain calls (Orleans: <c>RequestContext</c>), e.g. trace ids. Stored as an
/// immutable snapshot in an <see cref="AsyncLocal{T}"/>; each call carries the snapshot by reference, so an empty
/// context costs nothing and a callee's changes never leak back to the caller.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, object?>?> Current = new();

    /// <summary>The keys currently set.</summary>
    public static IEnumerable<string> Keys => Current.Value?.Keys ?? [];

    /// <summary>Gets a value, or null.</summary>
    public static object? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Current.Value is { } data && data.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Sets a value for this async flow and the calls it makes.</summary>
    public static void Set(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var copy = Current.Value is { } data ? new Dictionary<string, object?>(data, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
        copy[key] = value;
        Current.Value = copy;
    }

    /// <summary>Removes a value; returns whether it was present.</summary>
    public static bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Current.Value is not { } data || !data.ContainsKey(key))
        {
            return false;
        }

        var copy = new Dictionary<string, object?>(data, StringComparer.Ordinal);
        copy.Remove(key);
        Current.Value = copy.Count == 0 ? null : copy;
        return true;
    }

    /// <summary>Clears all values.</summary>
    public static void Clear() => Current.Value = null;

    /// <summary>The snapshot attached to outgoing calls.</summary>
    internal static IReadOnlyDictionary<string, object?>? Export() => Current.Value;

    /// <summary>Installs a received snapshot for the duration of a request.</summary>
    internal static void Import(IReadOnlyDictionary<string, object?>? data)
    {
        if (!ReferenceEquals(Current.Value, data))
        {
            Current.Value = data;
        }
    }
}
