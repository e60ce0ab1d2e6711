namespace Hemi.Storage.AzureBlob;

/// <summary>The Azure naming rules for containers and blobs.</summary>
public static class AzureBlobNames
{
    /// <summary>The longest blob name the service accepts.</summary>
    public const int MaxBlobNameLength = 1024;

    /// <summary>3–63 characters of lower-case letters, digits and single hyphens, starting and ending alphanumeric.</summary>
    public static bool IsValidContainerName(string? name, out string reason)
    {
        if (name is null || name.Length is < 3 or > 63)
        {
            reason = "a container name has 3 to 63 characters";
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var alnum = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (!alnum && c != '-')
            {
                reason = "only lower-case letters, digits and '-' are allowed";
                return false;
            }

            if (c == '-' && (i == 0 || i == name.Length - 1 || name[i - 1] == '-'))
            {
                reason = "'-' may not start or end the name or follow another '-'";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>1–1024 characters, valid UTF-16, no control characters, no '\'.</summary>
    public static bool IsValidBlobName(string? name, out string reason)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxBlobNameLength)
        {
            reason = $"a blob name has 1 to {MaxBlobNameLength} characters";
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsControl(c))
            {
                reason = "control characters are not allowed";
                return false;
            }

            if (c == '\\')
            {
                reason = "'\\' is not allowed (the service turns it into '/', so names would alias)";
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                reason = "unpaired surrogate";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
