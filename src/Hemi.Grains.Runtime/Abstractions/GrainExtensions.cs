namespace Hemi.Grains.Runtime;

/// <summary>Key accessors for grains and grain references (Orleans' <c>GetPrimaryKey*</c> extensions).</summary>
public static class GrainExtensions
{
    /// <summary>The grain id of a grain or grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        Grain grain => grain.GrainId,
        GrainReference reference => reference.GrainId,
        null => throw new ArgumentNullException(nameof(addressable)),
        _ => throw new ArgumentException($"{addressable.GetType()} is neither a grain nor a grain reference.", nameof(addressable)),
    };

    /// <summary>The string key.</summary>
    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;

    /// <summary>The Guid key.</summary>
    public static Guid GetPrimaryKey(this IAddressable addressable) => addressable.GetGrainId().GetGuidKey(out _);

    /// <summary>The Guid key and its extension.</summary>
    public static Guid GetPrimaryKey(this IAddressable addressable, out string? keyExtension) => addressable.GetGrainId().GetGuidKey(out keyExtension);

    /// <summary>The integer key.</summary>
    public static long GetPrimaryKeyLong(this IAddressable addressable) => addressable.GetGrainId().GetIntegerKey(out _);

    /// <summary>The integer key and its extension.</summary>
    public static long GetPrimaryKeyLong(this IAddressable addressable, out string? keyExtension) => addressable.GetGrainId().GetIntegerKey(out keyExtension);

    /// <summary>A reference to this grain, e.g. to pass to other grains.</summary>
    public static TGrainInterface AsReference<TGrainInterface>(this Grain grain)
        where TGrainInterface : IAddressable
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainFactory.GetGrain<TGrainInterface>(grain.GrainId);
    }
}
