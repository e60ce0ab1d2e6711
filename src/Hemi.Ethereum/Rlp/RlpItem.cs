namespace Hemi.Ethereum.Rlp;

/// <summary>A decoded RLP value: either a byte string (<see cref="RlpString"/>) or a list (<see cref="RlpList"/>).</summary>
public abstract record RlpItem;
