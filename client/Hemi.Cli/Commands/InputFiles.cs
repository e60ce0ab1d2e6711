using Hemi.Crypto;

namespace Hemi.Cli.Commands;

/// <summary>Reads blocks and header sets given as raw bytes or as hex text.</summary>
internal static class InputFiles
{
    // Generous for a single block (4 MB weight limit → at most 4 MB raw, 8 MB as hex) while refusing absurd inputs.
    private const long MaxBlockFileBytes = 16L * 1024 * 1024;

    public static byte[] ReadBlock(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliException($"file not found: {file.FullName}");
        }

        if (file.Length > MaxBlockFileBytes)
        {
            throw new CliException($"{file.Name} is {file.Length} bytes; a block file may be at most {MaxBlockFileBytes} bytes");
        }

        var bytes = File.ReadAllBytes(file.FullName);
        return LooksLikeHex(bytes) ? Hex.Decode(System.Text.Encoding.ASCII.GetString(bytes).Trim()) : bytes;
    }

    public static string? FindVectors(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return Directory.Exists(explicitPath) ? explicitPath : null;
        }

        var fromEnv = Environment.GetEnvironmentVariable("HEMI_VECTORS");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? fromEnv : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "vectors");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool LooksLikeHex(byte[] bytes)
    {
        var end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' '))
        {
            end--;
        }

        if (end == 0 || end % 2 != 0)
        {
            return false;
        }

        for (var i = 0; i < end; i++)
        {
            if (!Uri.IsHexDigit((char)bytes[i]))
            {
                return false;
            }
        }

        return true;
    }
}
