namespace Hemi.Grains.Runtime.Tests.Storage;

/// <summary>The state type the conformance suites store: a few shapes System.Text.Json must round-trip.</summary>
public sealed class ConformanceTestState
{
    public string Name { get; set; } = string.Empty;

    public long Counter { get; set; }

    public List<string> Items { get; set; } = [];

    public Dictionary<string, int> Scores { get; set; } = [];

    public byte[]? Blob { get; set; }

    public string? Writer { get; set; }
}
