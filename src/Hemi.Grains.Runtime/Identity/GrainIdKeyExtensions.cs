using System.Globalization;

namespace Hemi.Grains.Runtime;

/// <summary>
/// Key text conventions shared by <see cref="IGrainFactory"/> and the <c>GetPrimaryKey*</c> extensions, following Orleans:
/// Guid keys "N", integer keys upper-case hex, compound keys "primary+extension".
/// </summary>
public static class GrainIdKeyExtensions
{
    /// <summary>Formats a Guid key, optionally with an extension.</summary>
    public static string CreateGuidKey(Guid key, string? keyExtension = null)
        => keyExtension is null ? key.ToString("N") : key.ToString("N") + "+" + keyExtension;

    /// <summary>Formats an integer key, optionally with an extension.</summary>
    public static string CreateIntegerKey(long key, string? keyExtension = null)
    {
        string text = key.ToString("X", CultureInfo.InvariantCulture);
        return keyExtension is null ? text : text + "+" + keyExtension;
    }

    /// <summary>Parses the Guid part of a key and returns its extension (or null).</summary>
    public static Guid GetGuidKey(this GrainId grainId, out string? keyExtension)
    {
        ReadOnlySpan<char> primary = Split(grainId.Key, out keyExtension);
        if (!Guid.TryParseExact(primary, "N", out var guid))
        {
            throw new InvalidOperationException($"Grain {grainId} does not have a Guid key.");
        }

        return guid;
    }

    /// <summary>Parses the integer part of a key and returns its extension (or null).</summary>
    public static long GetIntegerKey(this GrainId grainId, out string? keyExtension)
    {
        ReadOnlySpan<char> primary = Split(grainId.Key, out keyExtension);
        if (!long.TryParse(primary, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long value))
        {
            throw new InvalidOperationException($"Grain {grainId} does not have an integer key.");
        }

        return value;
    }

    private static ReadOnlySpan<char> Split(string key, out string? keyExtension)
    {
        int plus = key.IndexOf('+');
        if (plus < 0)
        {
            keyExtension = null;
            return key;
        }

        keyExtension = key[(plus + 1)..];
        return key.AsSpan(0, plus);
    }
}
