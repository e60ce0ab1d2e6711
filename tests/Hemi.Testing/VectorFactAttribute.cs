using Xunit;

namespace Hemi.Testing;

/// <summary>
/// A fact that needs the shared vectors: reported as skipped (never passed) when they are absent.
/// </summary>
public sealed class VectorFactAttribute : FactAttribute
{
    public VectorFactAttribute(params string[] requiredFiles)
    {
        Skip = VectorSkip.Reason(requiredFiles);
    }
}

/// <summary>
/// A theory that needs the shared vectors: reported as skipped (never passed) when they are absent.
/// </summary>
public sealed class VectorTheoryAttribute : TheoryAttribute
{
    public VectorTheoryAttribute(params string[] requiredFiles)
    {
        Skip = VectorSkip.Reason(requiredFiles);
    }
}

internal static class VectorSkip
{
    public static string? Reason(string[] requiredFiles)
    {
        if (!TestVectors.Available)
        {
            return TestVectors.MissingMessage;
        }

        foreach (var file in requiredFiles)
        {
            if (!TestVectors.Has(file))
            {
                return $"SKIPPED: vector file '{file}' not found under {TestVectors.Root}.";
            }
        }

        return null;
    }
}
