namespace Hemi.Grains.Runtime.Tests.Storage;

/// <summary>
/// The conformance suites' test attribute in this project: the tests need Azurite, so they are skipped when
/// <c>HEMI_AZURITE_CONNECTION_STRING</c> is unset (and fail instead when <c>HEMI_REQUIRE_SERVICES=1</c>), like <see cref="ServiceFactAttribute"/>.
/// </summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        Skip = AzuriteSkip.Reason();
    }
}

/// <summary>Theory variant of <see cref="ConformanceFactAttribute"/>.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        Skip = AzuriteSkip.Reason();
    }
}

internal static class AzuriteSkip
{
    public static string? Reason()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HEMI_AZURITE_CONNECTION_STRING")) ||
            Environment.GetEnvironmentVariable("HEMI_REQUIRE_SERVICES") == "1")
        {
            return null;
        }

        return "SKIPPED: HEMI_AZURITE_CONNECTION_STRING is not set (run the tests through 'make test', which starts Azurite).";
    }
}
