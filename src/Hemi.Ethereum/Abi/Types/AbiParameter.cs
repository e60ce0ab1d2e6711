namespace Hemi.Ethereum.Abi;

/// <summary>A typed slot with an optional name: a tuple component, or a function/event/error parameter (events may mark it indexed).</summary>
public sealed record AbiParameter(AbiType Type, string? Name = null, bool Indexed = false)
{
    public AbiType Type { get; } = Type ?? throw new ArgumentNullException(nameof(Type));

    /// <summary>Human-readable form, e.g. <c>address indexed from</c>.</summary>
    public override string ToString() =>
        Type.CanonicalName + (Indexed ? " indexed" : string.Empty) + (string.IsNullOrEmpty(Name) ? string.Empty : " " + Name);
}
