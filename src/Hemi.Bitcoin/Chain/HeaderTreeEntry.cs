namespace Hemi.Bitcoin.Chain;

/// <summary>A header known to a <see cref="HeaderTree"/>: its hash, height and cumulative chain work.</summary>
public readonly record struct HeaderTreeEntry(Hash256 Hash, int Height, UInt256 ChainWork)
{
    public override string ToString() => $"{Height}:{Hash}";
}
