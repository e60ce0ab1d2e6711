using System.Reflection;

namespace Hemi.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where the end-to-end tests find the repository (the ethers script) and the silo's build output.
/// Paths are baked in at build time (the test output may live under <c>HEMI_ARTIFACTS</c>, far from the sources)
/// and checked at run time, with environment overrides for unusual layouts.
/// </summary>
internal static class RepositoryLayout
{
    /// <summary>The repository root (holds Hemi.Orleans.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/e2e/ethers: the ethers v6 script and its package lock.</summary>
    public static string EthersFolder => Path.Combine(Root, "tests", "e2e", "ethers");

    private static string? Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("HEMI_REPOSITORY_ROOT"),
            Metadata("HemiRepositoryRoot"),
        };

        // Fall back to walking up from the working directory and the test output folder.
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                candidates.Add(dir.FullName);
            }
        }

        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(Path.Combine(candidate, "Hemi.Orleans.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "Cannot find the repository root (Hemi.Orleans.sln); set HEMI_REPOSITORY_ROOT.");
    }

    /// <summary>
    /// The silo's entry assembly (<c>hemi-silo.dll</c>, run with <c>dotnet</c>), searched in: <c>HEMI_SILO_DLL</c>;
    /// the silo's own output folder under the artifacts path of this build and of <c>HEMI_ARTIFACTS</c> now;
    /// the repository's default artifacts folder; this test's output folder (the project reference copies it there).
    /// The first one whose runtimeconfig.json sits beside it wins.
    /// </summary>
    public static string FindSiloDll()
    {
        var configuration = (Metadata("HemiConfiguration") ?? "Release").ToLowerInvariant();
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("HEMI_SILO_DLL") is { Length: > 0 } explicitDll)
        {
            candidates.Add(explicitDll);
        }

        foreach (var artifacts in new[]
                 {
                     Metadata("HemiArtifactsPath"),
                     Environment.GetEnvironmentVariable("HEMI_ARTIFACTS"),
                     Path.Combine(Root, "artifacts"),
                 })
        {
            if (!string.IsNullOrEmpty(artifacts))
            {
                candidates.Add(Path.Combine(artifacts, "bin", "Hemi.Silo", configuration, "hemi-silo.dll"));
            }
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "hemi-silo.dll"));

        foreach (var dll in candidates)
        {
            if (File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            {
                return Path.GetFullPath(dll);
            }
        }

        throw new FileNotFoundException(
            "hemi-silo.dll (with its runtimeconfig.json) not found; looked in: " + string.Join(", ", candidates) +
            ". Build silo/Hemi.Silo or set HEMI_SILO_DLL.");
    }
}
