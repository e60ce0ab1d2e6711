using Xunit;

namespace Hemi.Testing;

/// <summary>
/// Marks tests that need a tool or service provided by the test command (e.g. Azurite):
/// skipped with a clear reason when the named environment variable is unset, unless
/// <c>HEMI_REQUIRE_SERVICES=1</c> (as in CI), where a missing service fails the test instead.
/// </summary>
public sealed class ServiceFactAttribute : FactAttribute
{
    public ServiceFactAttribute(string environmentVariable)
    {
        Skip = ServiceSkip.Reason(environmentVariable);
    }
}

/// <summary>Theory variant of <see cref="ServiceFactAttribute"/>.</summary>
public sealed class ServiceTheoryAttribute : TheoryAttribute
{
    public ServiceTheoryAttribute(string environmentVariable)
    {
        Skip = ServiceSkip.Reason(environmentVariable);
    }
}

internal static class ServiceSkip
{
    public static string? Reason(string environmentVariable)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(environmentVariable)))
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable("HEMI_REQUIRE_SERVICES") == "1")
        {
            return null; // the test runs and fails loudly: CI promised the service
        }

        return $"SKIPPED: {environmentVariable} is not set (run the tests through 'make test', which starts the service).";
    }
}
