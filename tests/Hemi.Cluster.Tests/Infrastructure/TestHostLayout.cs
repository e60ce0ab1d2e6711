using System.Reflection;

namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// Where the tests find the built test host (<c>hemi-cluster-testhost.dll</c>, run with <c>dotnet</c>): like the
/// end-to-end tests find hemi-silo, the artifacts path is baked in at build time and checked at run time.
/// </summary>
internal static class TestHostLayout
{
    /// <summary>The entry assembly name of the test host.</summary>
    public const string DllName = "hemi-cluster-testhost.dll";

    private static string? Metadata(string key) =>
        typeof(TestHostLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>
    /// Searched in: <c>HEMI_CLUSTER_TESTHOST_DLL</c>; the test host's own output folder under the artifacts path of
    /// this build and of <c>HEMI_ARTIFACTS</c> now; this test's output folder (the project reference copies it there).
    /// The first one with its runtimeconfig.json beside it wins.
    /// </summary>
    public static string FindTestHostDll()
    {
        var configuration = (Metadata("HemiConfiguration") ?? "Release").ToLowerInvariant();
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("HEMI_CLUSTER_TESTHOST_DLL") is { Length: > 0 } explicitDll)
        {
            candidates.Add(explicitDll);
        }

        foreach (var artifacts in new[] { Metadata("HemiArtifactsPath"), Environment.GetEnvironmentVariable("HEMI_ARTIFACTS") })
        {
            if (!string.IsNullOrEmpty(artifacts))
            {
                candidates.Add(Path.Combine(artifacts, "bin", "Hemi.Cluster.TestHost", configuration, DllName));
            }
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, DllName));
        foreach (var dll in candidates)
        {
            if (File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            {
                return Path.GetFullPath(dll);
            }
        }

        throw new FileNotFoundException(
            $"{DllName} (with its runtimeconfig.json) not found; looked in: {string.Join(", ", candidates)}. " +
            "Build tests/Hemi.Cluster.TestHost or set HEMI_CLUSTER_TESTHOST_DLL.");
    }
}
