namespace Hemi.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A fact that runs the real hemi-silo process. The project reference builds it, so it is normally found; when it is
/// not (an unusual layout), the test is skipped with the places searched, unless <c>HEMI_REQUIRE_SERVICES=1</c> (CI),
/// where it fails instead.
/// </summary>
public sealed class SiloFactAttribute : FactAttribute
{
    public SiloFactAttribute(bool needsNode = false)
    {
        Skip = SiloMissingReason() ?? (needsNode ? NodeTool.MissingReason : null);
    }

    private static string? SiloMissingReason()
    {
        try
        {
            _ = RepositoryLayout.FindSiloDll();
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            return Environment.GetEnvironmentVariable("HEMI_REQUIRE_SERVICES") == "1" ? null : "SKIPPED: " + e.Message;
        }
    }
}
