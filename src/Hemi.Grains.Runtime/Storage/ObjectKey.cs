namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// The rules every <see cref="IObjectStore"/> applies to keys, so a key valid in one store is valid in all:
/// 1–1024 characters, '/'-separated non-empty segments, no "." or ".." segment, no control characters
/// no '\' (Azure Blob would alias it to '/') and no unpaired surrogates.
/// </summary>
public static class ObjectKey
{
    /// <summary>The longest key accepted (the Azure Blob name limit).</summary>
    public const int MaxLength = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="key"/> breaks the rules.</summary>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValid(key, out var reason))
        {
            throw new ArgumentException($"Invalid object key: {reason}.", nameof(key));
        }
    }

    /// <summary>Whether <paramref name="key"/> follows the rules; <paramref name="reason"/> says why not.</summary>
    public static bool IsValid(string key, out string reason)
    {
        if (key.Length == 0 || key.Length > MaxLength)
        {
            reason = $"length {key.Length} is outside 1..{MaxLength}";
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsControl(c))
            {
                reason = "control characters are not allowed";
                return false;
            }

            if (c == '\\')
            {
                reason = "'\\' is not allowed (Azure Blob turns it into '/')";
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= key.Length || !char.IsLowSurrogate(key[i + 1]))
                {
                    reason = "unpaired surrogate";
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                reason = "unpaired surrogate";
                return false;
            }
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                reason = "empty path segment (leading, trailing or doubled '/')";
                return false;
            }

            if (segment is "." or "..")
            {
                reason = "'.' and '..' segments are not allowed";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
