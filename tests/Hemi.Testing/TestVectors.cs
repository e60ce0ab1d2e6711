namespace Hemi.Testing;

/// <summary>
/// Locates the shared third-party test vectors. They live beside the repository at
/// <c>../shared/vectors</c> (or wherever <c>HEMI_VECTORS</c> points) and are never copied into it.
/// </summary>
public static class TestVectors
{
    private static readonly Lazy<string?> s_root = new(Locate);

    /// <summary>The vectors folder, or <see langword="null"/> when it cannot be found.</summary>
    public static string? Root => s_root.Value;

    /// <summary>Whether the vectors folder was found.</summary>
    public static bool Available => Root is not null;

    /// <summary>The message used when a vector-driven test is skipped.</summary>
    public const string MissingMessage =
        "SKIPPED: shared test vectors not found (looked for ../shared/vectors above the test directory and $HEMI_VECTORS).";

    /// <summary>Full path of a file under the vectors folder; throws when the folder is absent.</summary>
    public static string PathOf(string relativePath)
    {
        var root = Root ?? throw new InvalidOperationException(MissingMessage);
        var full = Path.Combine(root, relativePath);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"Vector file '{relativePath}' is missing from {root}.", full);
        }

        return full;
    }

    /// <summary>Whether a given vector file exists.</summary>
    public static bool Has(string relativePath) =>
        Root is { } root && (File.Exists(Path.Combine(root, relativePath)) || Directory.Exists(Path.Combine(root, relativePath)));

    public static byte[] ReadAllBytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    public static string ReadAllText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Reads a file, transparently decompressing <c>.gz</c>.</summary>
    public static string ReadText(string relativePath)
    {
        var path = PathOf(relativePath);
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllText(path);
        }

        using var file = File.OpenRead(path);
        using var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HEMI_VECTORS");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

        // Walk up from the test binaries, the working directory and the source tree looking for a sibling "shared/vectors".
        var repositoryRoot = typeof(TestVectors).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HemiRepositoryRoot")?.Value;
        var starts = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), repositoryRoot }
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => s!);
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "vectors");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "README.md")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
