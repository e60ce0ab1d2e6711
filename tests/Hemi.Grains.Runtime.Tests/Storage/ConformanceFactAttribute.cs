namespace Hemi.Grains.Runtime.Tests.Storage;

/// <summary>The conformance suites' test attribute in this project: the in-process providers always run.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
}

/// <summary>Theory variant of <see cref="ConformanceFactAttribute"/>.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
}
