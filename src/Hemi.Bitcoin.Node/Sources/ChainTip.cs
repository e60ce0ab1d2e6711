namespace Hemi.Bitcoin.Node;

/// <summary>A block on a chain, identified by height and hash.</summary>
public sealed record ChainTip(int Height, Hash256 Hash)
{
    /// <inheritdoc />
    public override string ToString() => $"{Height}:{Hash}";
}
